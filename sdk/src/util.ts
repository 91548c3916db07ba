/** Small helpers shared by the core. Short on purpose: every byte ships in the script tag. */

let debugOn = false;

/** Turns console output on (debug mode only; the SDK is silent otherwise). */
export const setDebug = (on: boolean): void => {
  debugOn = on;
};

/** Logs a problem, in debug mode only. */
export const log = (...a: unknown[]): void => {
  if (debugOn) console.warn('kairos:', ...a);
};

/** Wraps `f` so that it never throws into the host page: a throw is logged and gives `undefined`. */
export const guard = <A extends unknown[], R>(f: (...a: A) => R) =>
  ((...a: A) => {
    try {
      return f(...a);
    } catch (e) {
      log(e);
    }
  }) as (...a: A) => R;

/** Milliseconds since the epoch (an alias that minifies). */
export const now = (): number => Date.now();

/** A random id: time plus 52 random bits, base 36 (visitor and event ids; not a secret). */
export const rid = (): string => now().toString(36) + Math.random().toString(36).slice(2);
