import type { State } from '../state';
import type { Kairos } from '../types';
import { lazy } from './load';

type Watch = { default: (s: State, k: Kairos) => () => unknown };

/**
 * What comes after the first decisions, lazily: the watch chunk (slots added later, SPA
 * routes; it loads the events chunk with consent and the overlay in debug mode), once,
 * whatever the consent. The returned function is called again whenever consent may
 * have changed; until the chunk runs that is a no-op (the chunk reads consent when it starts).
 */
export const later = (s: State): ((k: Kairos) => void) => {
  let again: (() => unknown) | undefined;
  return (k) =>
    again
      ? again()
      : ((again = () => 0), void lazy<Watch>(s.o.base, 'watch').then((m) => m && (again = m.default(s, k))));
};
