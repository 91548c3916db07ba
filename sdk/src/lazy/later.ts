import type { State } from '../state';
import type { Hooks, Raw } from './events';
import { lazy } from './load';

type Events = { default: (h: Hooks) => [(e: Raw) => unknown, () => unknown] };

/**
 * What comes after the first decisions, lazily: the events chunk (exposures, the
 * queue; it loads web-vitals itself with analytics consent), once, with any consent.
 * The returned function is called again whenever consent may have changed.
 */
export const later = (s: State): (() => void) => {
  let loaded = 0;
  let vitals = (): unknown => 0;
  return () => {
    vitals();
    if (!loaded && (s.consent_.personalization || s.consent_.analytics)) {
      loaded = 1;
      void lazy<Events>(s.o.base, 'events').then((m) => m && ([s.send_, vitals] = m.default(s)));
    }
  };
};
