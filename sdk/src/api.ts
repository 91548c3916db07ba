import { collect } from './capture/collect';
import { mergeConsent } from './consent';
import { unset } from './cookies';
import { convert } from './goals';
import type { Rec } from './memory/record';
import { refresh } from './slots/refresh';
import type { State } from './state';
import type { Kairos } from './types';
import { guard } from './util';
import { view } from './views';

/**
 * The public API (`window.kairos`). Every method is guarded: a throw is logged (debug
 * only), never passed to the page.
 *
 * @param visit Counts this page in the visitor's memory (when storage starts).
 * @param later Loads what comes after the first decisions (told again when consent changes).
 */
export const api = (s: State, visit: (r: Rec) => void, later: (k: Kairos) => void): Kairos => {
  const doc = document;
  const k: Kairos = {
    ready: new Promise((ok) => (doc.readyState == 'loading' ? doc.addEventListener('DOMContentLoaded', ok) : ok(s)))
      .then(() => refresh(s))
      .then((d) => (later(k), d)),
    decisions: s.decisions,
    context: () => collect(s),
    view: (v) => view(s, v.id, v.tags ?? []),
    convert: (goal, opts) => convert(s, goal, opts),
    consent(u) {
      const was = s.consent_;
      const c = (s.consent_ = mergeConsent(was, u));
      // Granted: storage starts from now on (the watch chunk sets the cookies once the
      // record is stored). Withdrawn: the cookies go at once, and what was stored is erased.
      if (c.personalization != was.personalization) void (c.personalization ? s.mem.start(visit) : (unset(), s.mem.wipe(true)));
      // Analytics withdrawn: waiting events are dropped (the queue checks consent before it sends).
      if (!c.analytics) s.buf.length = 0;
      later(k);
      return { ...c };
    },
    refresh: () => refresh(s),
    on(name, fn) {
      const h = (e: Event): void => guard(fn)((e as CustomEvent).detail);
      doc.addEventListener('kairos:' + name, h);
      return () => doc.removeEventListener('kairos:' + name, h);
    },
    // The edge's copy goes too once the events chunk is there (see Hooks.fe); so do the
    // cookies (the next page sets them again for the new record, with consent).
    forget: () => ((s.buf.length = 0), s.fe?.(), unset(), s.mem.wipe(false)) as Promise<void>,
  };
  for (const key in k) {
    const f = k[key as keyof Kairos];
    if (typeof f == 'function') (k as unknown as Record<string, unknown>)[key] = guard(f as (...a: unknown[]) => unknown);
  }
  return k;
};
