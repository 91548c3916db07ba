import { interests } from '../memory/record';
import type { State } from '../state';
import type { Signals } from '../types';
import { now } from '../util';
import { present } from './signals';

/**
 * The signals a decide request carries (and `kairos.context()` returns): where the
 * visit came from, the page and device now, the session, and stored behaviour (bandit
 * assignments included), which goes to the edge only with personalization consent.
 *
 * @param page What {@link present} captured (a decide captures it once for its requests).
 */
export const collect = (s: State, page = present()): Signals => {
  const r = s.mem.r;
  // Bandit assignments (`assigned`) go back so the edge keeps the variant first shown.
  const p = s.consent_.personalization && { visitor: { sessions: r.n, firstSeen: r.f }, views: r.vw, interests: interests(r, now(), s.halfLife_), conversions: r.c, assigned: r.a };
  return { ...s.came_, ...page, session: { pageviews: r.pv, landing: r.l, isNew: s.isNew_ }, exposures: { session: r.se, visitor: p ? r.e : undefined }, ...p };
};
