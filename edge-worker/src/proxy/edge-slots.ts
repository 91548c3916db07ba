import type { CompiledRules } from '../engine/types.ts';

/** Why the edge leaves a slot to the browser (said in the slot's `data-kairos-edge`). */
export type ClientReason = 'stored-behaviour' | 'cap' | 'browser-signal' | 'timezone';

/** Context fields only the browser knows: the page as rendered, the screen, the session kept on the device. */
const BROWSER_ONLY = ['page.title', 'page.type', 'device.viewport', 'device.touch', 'session'];

const reads = (fields: readonly string[], prefixes: readonly string[]): boolean =>
  fields.some((f) => prefixes.some((p) => f === p || f.startsWith(`${p}.`)));

/**
 * The slots the edge can decide from the request alone, and why the others wait for the
 * browser. A rule that reads stored behaviour (views, interests, visitor, conversions),
 * has a cap, or reads what only the page knows needs the browser, and because the first
 * matching rule wins, one such rule makes the whole slot the browser's: deciding the rest
 * at the edge could show what the browser would not.
 *
 * @param timeKnown Whether the request says the visitor's time zone (a cookie or the platform).
 */
export function edgeSlots(rules: CompiledRules, timeKnown: boolean): { edge: string[]; client: Map<string, ClientReason> } {
  const edge: string[] = [];
  const client = new Map<string, ClientReason>();
  for (const [slot, list] of rules.slots) {
    const why: ClientReason | undefined = list.some((r) => r.needsConsent)
      ? 'stored-behaviour'
      : list.some((r) => r.cap)
        ? 'cap'
        : list.some((r) => reads(r.fields, BROWSER_ONLY))
          ? 'browser-signal'
          : !timeKnown && list.some((r) => reads(r.fields, ['time']))
            ? 'timezone'
            : undefined;
    if (why) client.set(slot, why);
    else edge.push(slot);
  }
  return { edge, client };
}
