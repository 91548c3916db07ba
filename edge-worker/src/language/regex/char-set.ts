/**
 * Sets of UTF-16 code units as sorted, disjoint, non-adjacent inclusive ranges
 * `[lo0, hi0, lo1, hi1, …]`: what one regex atom (a letter, `.`, `\d`, `[a-z]`)
 * can match. JavaScript regexes without the `u` flag work on code units, so the
 * universe is 0..0xFFFF.
 */

/** Inclusive ranges, flattened: `[lo0, hi0, lo1, hi1, …]`. */
export type CharSet = readonly number[];

/** The largest code unit. */
export const MAX_UNIT = 0xffff;

/** Sorts and merges any list of ranges into canonical form. */
export function normalise(ranges: readonly number[]): CharSet {
  const pairs: [number, number][] = [];
  for (let i = 0; i < ranges.length; i += 2) pairs.push([ranges[i]!, ranges[i + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of pairs) {
    const last = out.length - 1;
    if (last > 0 && lo <= out[last]! + 1) out[last] = Math.max(out[last]!, hi);
    else out.push(lo, hi);
  }
  return out;
}

/** The set of one code unit. */
export const single = (c: number): CharSet => [c, c];

/** Every unit in `a` or in `b`. */
export const union = (a: CharSet, b: CharSet): CharSet => normalise([...a, ...b]);

/** Every code unit not in `set`. */
export function complement(set: CharSet): CharSet {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < set.length; i += 2) {
    if (set[i]! > next) out.push(next, set[i]! - 1);
    next = set[i + 1]! + 1;
  }
  if (next <= MAX_UNIT) out.push(next, MAX_UNIT);
  return out;
}

/** Whether `c` is in `set` (binary search over the ranges). */
export function has(set: CharSet, c: number): boolean {
  let lo = 0;
  let hi = set.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (c < set[mid * 2]!) hi = mid - 1;
    else if (c > set[mid * 2 + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

/** `\d` */
export const DIGIT: CharSet = [0x30, 0x39];
/** `\w`: ASCII letters, digits and `_` (without the `u` flag, case folding adds nothing). */
export const WORD: CharSet = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
/** `\s`: ECMAScript's WhiteSpace and LineTerminator code points. */
export const SPACE: CharSet = normalise([
  0x09, 0x0d, 0x20, 0x20, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a,
  0x2028, 0x2029, 0x202f, 0x202f, 0x205f, 0x205f, 0x3000, 0x3000, 0xfeff, 0xfeff,
]);
/** `.` without the `s` flag: everything but the line terminators. */
export const DOT: CharSet = complement(normalise([0x0a, 0x0a, 0x0d, 0x0d, 0x2028, 0x2029]));
