/**
 * Small coercions that turn untrusted signal values into bounded, typed ones.
 * Rules run regexes on these strings, so every string is cut to a bound first.
 */

/** Default bound for strings in the context document (paths, titles, utm values…). */
export const MAX_STRING = 256;

/**
 * A string cut to `max` UTF-16 units (without leaving half a surrogate pair), or `''`
 * when the value is not a string.
 */
export function bounded(value: unknown, max = MAX_STRING): string {
  if (typeof value !== 'string') return '';
  if (value.length <= max) return value;
  const cut = value.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  // A lone high surrogate at the end would be an invalid character.
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/** An integer in [min, max]; `fallback` for anything that is not a finite number. */
export function clampInt(value: unknown, min: number, max: number, fallback = min): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

/** A number in [min, max]; `fallback` for anything that is not a finite number. */
export function clampNum(value: unknown, min: number, max: number, fallback = min): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}

/** `true` only for the boolean `true`. */
export function flag(value: unknown): boolean {
  return value === true;
}
