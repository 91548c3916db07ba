import { log } from '../util';

// Set by the build: the chunks' content hash, so their URLs can be cached for a year.
declare const __KAIROS_V__: string | undefined;
const V = typeof __KAIROS_V__ == 'string' ? __KAIROS_V__ : 'dev';

/**
 * Loads a lazy chunk (`kairos-vitals.js`, `kairos-overlay.js`) from `base` with a
 * dynamic `import()`. Under a nonce-based CSP the import inherits the nonce of the
 * script that runs it; `import()` is not a Trusted Types sink, so no policy is needed
 * (checked in Chromium by the CSP browser test). Cross-origin, the chunk must be
 * served with `Access-Control-Allow-Origin` (module scripts use CORS). A failure is
 * silent: it resolves `undefined`.
 */
export const lazy = <M>(base: string, name: string): Promise<M | undefined> =>
  import(/* @vite-ignore */ /* webpackIgnore: true */ `${base}kairos-${name}.js?v=${V}`).catch(log) as Promise<M | undefined>;
