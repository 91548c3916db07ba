/**
 * Deterministic bucketing, bit-for-bit compatible with GrowthBook's `hash`,
 * `getBucketRanges` and `chooseVariation`, so a visitor lands in the same bucket
 * whichever implementation computes it.
 */

/** A half-open bucket range `[start, end)` within [0, 1). */
export type BucketRange = [number, number];

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Continues an FNV-1a hash over the UTF-16 code units of `str`. */
function fnvUpdate(h: number, str: string): number {
  for (let i = 0; i < str.length; i++) h = Math.imul(h ^ str.charCodeAt(i), FNV_PRIME);
  return h;
}

/** One decimal digit (0-9) into the hash, as its ASCII code. */
function fnvDigit(h: number, d: number): number {
  return Math.imul(h ^ (48 + d), FNV_PRIME);
}

/**
 * The decimal digits of `x` (0..99999) into the hash: all five when `pad`
 * (the low half of a larger number), else without leading zeros.
 * Small-integer division by constants compiles to multiplications.
 */
function fnvFive(h: number, x: number, pad: boolean): number {
  const d4 = (x / 10000) | 0;
  const d3 = ((x / 1000) | 0) % 10;
  const d2 = ((x / 100) | 0) % 10;
  const d1 = ((x / 10) | 0) % 10;
  if (pad || x >= 10000) h = fnvDigit(h, d4);
  if (pad || x >= 1000) h = fnvDigit(h, d3);
  if (pad || x >= 100) h = fnvDigit(h, d2);
  if (pad || x >= 10) h = fnvDigit(h, d1);
  return fnvDigit(h, x % 10);
}

/** Continues an FNV-1a hash over the decimal digits of `n` (a uint32), without building the string. */
function fnvDigits(h: number, n: number): number {
  const high = Math.floor(n / 100000);
  return high === 0 ? fnvFive(h, n, false) : fnvFive(fnvFive(h, high, false), n - high * 100000, true);
}

/**
 * 32-bit FNV-1a over the UTF-16 code units of a string, as an unsigned integer.
 * @example fnv1a32('') // 2166136261
 */
export function fnv1a32(str: string): number {
  return fnvUpdate(FNV_OFFSET, str) >>> 0;
}

/**
 * GrowthBook's bucketing hash: a number in [0, 1) for `value` under `seed`.
 * Version 2 (unbiased, 4 decimals) hashes the hash of `seed + value`; version 1
 * (legacy, 3 decimals) hashes `value + seed`. Any other version gives `null`.
 * Strings are hashed in sequence rather than concatenated: no allocation.
 * @example hash('seed', 'a', 2) // 0.0505
 */
export function hash(seed: string, value: string, version: number): number | null {
  if (version === 2) return v2Bucket(fnvUpdate(fnvUpdate(FNV_OFFSET, seed), value));
  if (version === 1) return ((fnvUpdate(fnvUpdate(FNV_OFFSET, value), seed) >>> 0) % 1000) / 1000;
  return null;
}

/** Version 2's second round: the first hash's decimal digits, hashed, to 4 decimals. */
function v2Bucket(first: number): number {
  return ((fnvDigits(FNV_OFFSET, first >>> 0) >>> 0) % 10000) / 10000;
}

/**
 * The FNV-1a state after `seed`, for {@link hashUnits}: FNV-1a streams, so hashing
 * `seed + value` is continuing from it over `value`. Computed once per rule.
 */
export function seedState(seed: string): number {
  return fnvUpdate(FNV_OFFSET, seed);
}

/**
 * The UTF-16 code units of `s`, for {@link hashUnits}: read once per decision
 * rather than once per slot (charCodeAt on a concatenated or sliced string
 * goes through an indirection every time).
 */
export function codeUnits(s: string): Uint16Array {
  const out = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/**
 * `hash(seed, value, 2)` from `seedState(seed)` and `codeUnits(value)`, neither hashed nor read again.
 * @example hashUnits(seedState('seed'), codeUnits('a')) // 0.0505
 */
export function hashUnits(state: number, units: Uint16Array): number {
  let h = state;
  for (let i = 0; i < units.length; i++) h = Math.imul(h ^ units[i]!, FNV_PRIME);
  return v2Bucket(h);
}

/** True when `n` lies in the half-open range `[start, end)`. */
export function inRange(n: number, range: BucketRange): boolean {
  return n >= range[0] && n < range[1];
}

/**
 * The index of the first range that holds `n`, or -1 (not in any: outside coverage).
 * @example chooseVariation(0.6, [[0, 0.5], [0.5, 1]]) // 1
 */
export function chooseVariation(n: number, ranges: BucketRange[]): number {
  for (let i = 0; i < ranges.length; i++) if (inRange(n, ranges[i]!)) return i;
  return -1;
}

/**
 * Bucket ranges for `numVariations` variations, like GrowthBook: coverage is
 * clamped to [0, 1]; weights of the wrong length or not summing to 1 (±0.01)
 * fall back to equal weights. Each range starts where the weights put it and is
 * shortened to `coverage` of its width, so changing coverage never moves a visitor
 * between variations.
 * @param coverage share of visitors included. @default 1
 * @example getBucketRanges(2, 0.5) // [[0, 0.25], [0.5, 0.75]]
 */
export function getBucketRanges(numVariations: number, coverage = 1, weights?: number[]): BucketRange[] {
  // `!(x >= 0)` also catches NaN: a broken coverage includes nobody.
  const cover = !(coverage >= 0) ? 0 : coverage > 1 ? 1 : coverage;
  const n = numVariations > 0 ? numVariations : 0;
  let w = weights && weights.length === n ? weights : undefined;
  if (w) {
    let total = 0;
    for (const x of w) total += x;
    if (!(total >= 0.99 && total <= 1.01)) w = undefined;
  }
  const ranges: BucketRange[] = [];
  let start = 0;
  for (let i = 0; i < n; i++) {
    const width = w ? w[i]! : 1 / n;
    ranges.push([start, start + cover * width]);
    start += width;
  }
  return ranges;
}
