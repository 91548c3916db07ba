// Import order is byte-tuned: it sets the order of the modules in the bundle, which gzip notices.
import { initialConsent } from './consent';
import { origin as from, previewOf } from './capture/signals';
import { scan } from './slots/scan';
import { cookie, VID } from './cookies';
import type { Kairos, Options } from './types';
import { visit } from './visit';
import { later } from './lazy/later';
import { api } from './api';
import { resolveOptions } from './options';
import { memory } from './memory/store';
import type { State } from './state';
import { guard, setDebug } from './util';
import { refresh } from './slots/refresh';
import { EXPIRE_S } from './memory/time';

/**
 * Starts Kairos on this page and returns its API (the script-tag build puts it on
 * `window.kairos`): captures the context, decides every `[data-kairos-slot]` within the
 * budget, and goes on deciding slots added later and after SPA navigations.
 *
 * @param origin What `endpoint` defaults to. @default location.origin
 * @example
 * import { start } from '@kairos/sdk';
 * const kairos = start({ site: 'demo', endpoint: 'https://edge.example' });
 * kairos.on('decision', (d) => console.log(d.slot, d.variant, d.reason.id));
 */
export function start(options: Partial<Options>, origin = location.origin): Kairos {
  const o = resolveOptions(options ?? {}, origin, location.search);
  setDebug(o.debug);
  const known = guard(() => localStorage[VID])();
  const s: State = {
    o: o,
    consent_: initialConsent(o.consent, (navigator as { globalPrivacyControl?: unknown }).globalPrivacyControl),
    // Without the visitor cookie's copy (sdk/src/cookies.ts) this browser has no stored
    // record (the copy is set once one is stored): nothing to wait for, the decision goes
    // at once with the record in memory. With it, a decision waits for storage at most
    // half its budget less 140 ms (10 ms of the default 300; nothing below 280): the rest
    // is the round trip's. A warm browser's IndexedDB answers within 10 ms; a cold one, a
    // slow disk or IndexedDB that never opens would take much of a small budget.
    mem: memory(o.site as string, known ? o.timeout / 2 - 140 : 0),
    came_: from(location.search, document.referrer),
    preview_: previewOf(location.search),
    decisions: {},
    slots: new WeakMap(),
    seen_: new WeakMap(),
    settled_: Promise.resolve(),
    pending_: [],
    buf: [],
    // Events wait in the buffer until the events chunk has loaded.
    send: (e) => s.buf.length < 50 && s.buf.push(e),
    scan: (el) => scan(s, el),
    clicks: [],
    path: location.pathname,
    isNew_: true,
    halfLife_: 7,
    consent: () => s.consent_,
    version: () => s.version_,
  };
  const count = (s.visit = visit(s));
  // Goal clicks wait for the watch chunk, which converts them (lazy/goals.ts).
  document.addEventListener('click', (e) => s.clicks.push(e.target), true);
  // With consent, storage starts (and counts this page). A first page sets the visitor
  // cookie (and its copy) in the next task, once the decide request has left (a cold
  // browser's first cookie and localStorage writes took up to 8 and 12 ms here), still
  // with consent: the record in memory is the one storage will keep (with the edge's id
  // if it took one), and the next page (however soon) must know there is one to wait for.
  if (s.consent_.personalization) {
    if (!known) setTimeout(guard(() => s.consent_.personalization && cookie(VID, s.mem.r.id, EXPIRE_S)));
    void s.mem.start(count);
  } else void s.mem.mut(count);
  void refresh(s);
  return api(s, count, later(s));
}
