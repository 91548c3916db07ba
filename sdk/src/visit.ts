import { pageview, type Rec } from './memory/record';
import type { State } from './state';
import { now } from './util';

/** Counts a pageview of the current route (a new session after 30 min without one). */
export const visit =
  (s: State) =>
  (r: Rec): void => {
    s.isNew_ = pageview(r, s.path, now());
  };
