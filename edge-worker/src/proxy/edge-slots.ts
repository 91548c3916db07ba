import type { CompiledRule, CompiledRules } from '../engine/types.ts';

/** Why the edge leaves a slot to the browser (said in the slot's `data-kairos-edge`). */
export type ClientReason = 'stored-behaviour' | 'cap' | 'browser-signal' | 'timezone';

/** Context fields only the browser knows: the page as rendered, the screen, the session kept on the device, the consent answer. */
const BROWSER_ONLY = ['page.title', 'page.type', 'device.viewport', 'device.touch', 'session', 'consent'];

/** Whether a rule reads any of the fields under `prefixes`: in its condition and content, or as a bandit's segment. */
const reads = (rule: CompiledRule, prefixes: readonly string[]): boolean =>
  [...rule.fields, ...(rule.segment ?? [])].some((f) => prefixes.some((p) => f === p || f.startsWith(`${p}.`)));

/**
 * The slots the edge can decide from the request alone, and why the others wait for the
 * browser. A rule that reads stored behaviour (views, interests, visitor, conversions),
 * has a cap, or reads what only the page knows (a bandit's segment fields count: the
 * segment its exposure teaches must be the visitor's) needs the browser, and because the first
 * matching rule wins, one such rule makes the whole slot the browser's: deciding the rest
 * at the edge could show what the browser would not.
 *
 * Without the SDK's visitor cookie there is no stored behaviour the browser would use
 * either (no consent, or a first visit: the store is empty and nothing was exposed yet),
 * so stored-behaviour and capped rules are decided too, without consent; a slot that such
 * a rule would win against an empty store with consent still goes to the browser (see
 * {@link needsBrowser}).
 *
 * @param known.timeZone Whether the request says the visitor's time zone (a cookie or the platform).
 * @param known.noStoredBehaviour Whether the visitor has no stored behaviour (no visitor cookie).
 */
export function edgeSlots(
  rules: CompiledRules, known: { timeZone: boolean; noStoredBehaviour: boolean },
): { edge: string[]; client: Map<string, ClientReason> } {
  const edge: string[] = [];
  const client = new Map<string, ClientReason>();
  const stored = !known.noStoredBehaviour;
  for (const [slot, list] of rules.slots) {
    const why: ClientReason | undefined = stored && list.some((r) => r.needsConsent)
      ? 'stored-behaviour'
      : stored && list.some((r) => r.cap)
        ? 'cap'
        : list.some((r) => reads(r, BROWSER_ONLY))
          ? 'browser-signal'
          : !known.timeZone && list.some((r) => reads(r, ['time']))
            ? 'timezone'
            : undefined;
    if (why) client.set(slot, why);
    else edge.push(slot);
  }
  return { edge, client };
}

/**
 * Whether a decision made against empty stored behaviour must still go to the browser:
 * the rule it names reads stored behaviour, which the browser may have been given consent
 * to use (or not) in ways the edge cannot see.
 */
export function needsBrowser(rules: CompiledRules, slot: string, rule: string | undefined): boolean {
  if (rule === undefined) return false;
  return rules.slots.get(slot)?.some((r) => r.id === rule && r.needsConsent) ?? false;
}
