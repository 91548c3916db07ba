// The events chunk (kairos-events.js), loaded after the first decisions once the
// visitor has given any consent. Nothing in it is needed to decide or render a slot,
// so it stays off the critical path (and out of the core's size budget): exposures
// (IntersectionObserver), conversion counting, web-vitals (lazily again) and the
// events queue. Events recorded before it loads wait in the core's buffer.
import type { Memory } from '../memory/store';
import { bump } from '../memory/record';
import { MAX_KEYS } from '../../../edge-worker/src/protocol/limits';
import { queue } from '../transport/queue';
import type { Resolved } from '../options';
import type { Consent, Decisions, KairosEvent, SlotDecision } from '../types';
import { guard, rid } from '../util';
import { forgetOnEdge } from '../transport/forget';

/** An event as the core records it: no id and no consent level yet. */
export type Raw = Omit<KairosEvent, 'id' | 'consent'>;

/** What the core hands to the events chunk. */
export interface Hooks {
  o: Resolved;
  mem: Memory;
  /** Events recorded before this chunk loaded. */
  buf: Raw[];
  decisions: Decisions;
  /** Slot element → its decision once settled (0 while it waits). */
  slots: WeakMap<Element, SlotDecision | 0>;
  consent(): Consent;
  /** The version of the rules that decided. */
  version(): string | undefined;
  /**
   * Set by this chunk: asks the edge to delete what its stats keep about the current
   * visitor (`forget()`, before the id is replaced). Events leave only once this chunk
   * runs, so before that the edge has nothing of this page's visitor to delete. Not
   * mangled: the core is built apart.
   */
  fe?: () => unknown;
}

type Vitals = { default: (f: (metric: 'LCP' | 'CLS' | 'INP', value: number) => void) => void };

/**
 * Starts exposures and the queue. Returns the function the core records events with
 * from now on, and the one it calls when consent may have changed.
 */
export default function events(h: Hooks): [(e: Raw) => void, () => void] {
  h.fe = () => forgetOnEdge(h.o.endpoint, h.o.site as string, h.mem.r.id);
  const out = queue(h.o.endpoint, () => ({ site: h.o.site as string, visitor: h.mem.r.id, rulesVersion: h.version() }), h.mem, () => h.consent().analytics);
  // Every event carries an id (the edge drops duplicates) and the consent level in
  // force; conversions and vitals the reason ids of the decisions on the page.
  // Conversions count per goal on the device (saturation) with personalization consent.
  const send = guard((e: Raw): void => {
    const c = h.consent();
    if (e.type == 'conversion' || e.type == 'vital') {
      e.decisions = Object.values(h.decisions).map((d) => d.reason.id);
      if (!Number.isFinite(e.value)) delete e.value;
    }
    if (e.type == 'conversion' && c.personalization) void h.mem.mut((r) => bump(r.c, e.goal!));
    if (c.analytics) out.push({ id: rid(), consent: c.personalization ? 'analytics+personalization' : 'analytics', ...e });
  });
  // Exposure: a settled slot counts as seen once half of it is in the viewport. Caps
  // count exposures per `slot/rule` (personalization); the event needs analytics.
  const io = new IntersectionObserver(
    guard((es: IntersectionObserverEntry[]) => {
      for (const e of es) {
        const d = h.slots.get(e.target);
        // A forced preview is QA, not traffic: it neither counts for caps nor reaches the report.
        if (e.isIntersecting && d && d.reason.outcome != 'preview') {
          io.unobserve(e.target);
          const k = d.slot + '/' + d.rule;
          const b = d.reason.bandit;
          if (d.rule && h.consent().personalization) {
            void h.mem.mut((r) => {
              bump(r.e, k);
              bump(r.se, k);
              // A bandit decision that was not kept sticky starts a new assignment (the edge says how long it lasts).
              const a = (r.a ??= {});
              if (b && !b.sticky && d.variant && (a[k] || Object.keys(a).length < MAX_KEYS)) a[k] = { variant: d.variant, at: Date.now() };
            });
          }
          // For a holdout visitor the reason names the rule that would have applied: the report's control.
          // Its token proves the edge made this decision for this visitor: without it the exposure is not counted.
          send({ type: 'exposure', at: Date.now(), slot: d.slot, rule: d.rule ?? d.reason.rule, variant: d.variant, reason: d.reason.id, token: d.token, segment: b?.segment });
        }
      }
    }),
    { threshold: 0.5 },
  );
  // A settled slot is watched for its exposure; a slot that timed out is reported (once
  // per element: those settled before this chunk ran by their state, the others by their event).
  const settled = (el: Element): void => {
    const d = h.slots.get(el);
    if (d && d.outcome == 'timeout') send({ type: 'timeout', at: Date.now(), slot: d.slot, reason: d.reason.id });
    io.observe(el);
  };
  for (const el of document.querySelectorAll('[data-kairos-state]')) settled(el);
  document.addEventListener('kairos:decision', guard((e: Event) => settled(e.target as Element)));
  // web-vitals, once analytics consent is there.
  let v = 0;
  const vitals = (): void => {
    if (!v && h.consent().analytics) {
      v = 1;
      // Next to this chunk, with the same version: kairos-events.js?v=… → kairos-vitals.js?v=…
      void import(/* @vite-ignore */ /* webpackIgnore: true */ import.meta.url.replace('events', 'vitals')).then(
        (m: Vitals) => m.default(guard((metric, value) => send({ type: 'vital', at: Date.now(), metric, value }))),
        () => {},
      );
    }
  };
  vitals();
  void out.drain();
  for (const x of h.buf.splice(0)) send(x);
  return [send, vitals];
}
