import type { State } from '../state';
import type { Kairos } from '../types';
import { log } from '../util';
import { V } from './load';

type Watch = { default: (s: State, k: Kairos) => () => unknown };

/**
 * What comes after the first decisions, lazily: the watch chunk (slots added later, SPA
 * routes; it loads the events chunk with consent and the overlay in debug mode), once,
 * whatever the consent. The returned function is called again whenever consent may
 * have changed; until the chunk runs that is a no-op (the chunk reads consent when it starts).
 *
 * The chunk comes from `base` with a dynamic `import()`. Under a nonce-based CSP the
 * import inherits the nonce of the script that runs it; `import()` is not a Trusted
 * Types sink, so no policy is needed (checked in Chromium by the CSP browser test).
 * Cross-origin, the chunk must be served with `Access-Control-Allow-Origin` (module
 * scripts use CORS). A failure is silent (logged in debug mode).
 */
export const later = (s: State): ((k: Kairos) => void) => {
  let again: (() => unknown) | undefined;
  return (k) =>
    again
      ? again()
      : ((again = () => 0), void import(/* @vite-ignore */ /* webpackIgnore: true */ `${s.o.base}kairos-watch.js?v=${V}`).then((m: Watch) => (again = m.default(s, k)), log));
};
