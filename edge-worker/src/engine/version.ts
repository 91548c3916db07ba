/**
 * Version strings made comparable as plain strings, with GrowthBook's rules,
 * for the `$veq` … `$vgte` operators.
 */

const DIGITS = /^[0-9]+$/;
/** A leading `v` and `+build` metadata do not take part in comparisons. */
const STRIP = /^v|\+.*$/g;
const SEPARATOR = /[-.]/;

/** Versions seen recently: attribute values repeat a lot, padding allocates. */
const cache = new Map<string, string>();
const CACHE_MAX = 256;
const CACHEABLE_LENGTH = 64;

function pad(input: unknown): string {
  let s = typeof input === 'number' ? String(input) : input;
  if (!s || typeof s !== 'string') s = '0';
  const parts = (s as string).replace(STRIP, '').split(SEPARATOR);
  // Without a pre-release, `~` (greater than any tag character) sorts 1.0.0 after 1.0.0-beta.
  if (parts.length === 3) parts.push('~');
  // Numbers are left-padded so that " 9" < "10" as strings.
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (DIGITS.test(p)) parts[i] = p.padStart(5, ' ');
  }
  return parts.join('-');
}

/**
 * A string whose plain `<`/`===` order is the version order: `v1.2.3+build` →
 * `"    1-    2-    3-~"`. Numbers and strings are accepted; anything else is `"0"`.
 * @example paddedVersion('1.0.0-beta') < paddedVersion('1.0.0') // true
 */
export function paddedVersion(input: unknown): string {
  if (typeof input !== 'string' || input.length > CACHEABLE_LENGTH) return pad(input);
  let out = cache.get(input);
  if (out === undefined) {
    if (cache.size >= CACHE_MAX) cache.clear();
    out = pad(input);
    cache.set(input, out);
  }
  return out;
}
