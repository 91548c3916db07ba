/**
 * A DDSketch (Masson, Rim & Lee, VLDB 2019) kept as rows: each value maps to a
 * logarithmic bin `ceil(ln v / ln γ)` with γ = (1 + α) / (1 − α), and a bin's count
 * is one SQL upsert, so web-vitals p75 needs no samples, merges by adding counts and
 * stays within α relative error. The mapping is the one of Datadog's
 * @datadog/sketches-js (LogarithmicMapping), which the tests use as the reference;
 * the library itself is not bundled because its serialisation drags in protobufjs.
 */
import type { Interval } from './intervals.ts';
import { Z95 } from './intervals.ts';

/** Relative accuracy α of every quantile read from a sketch. */
export const SKETCH_ACCURACY = 0.01;
const GAMMA = (1 + SKETCH_ACCURACY) / (1 - SKETCH_ACCURACY);
const LN_GAMMA = Math.log(GAMMA);
/** The bin of zero (and of anything too small to index): CLS is often exactly 0. */
export const ZERO_BIN = -(2 ** 31);
const MIN_INDEXABLE = 1e-9;

/** The bin of a non-negative value. */
export function sketchKey(value: number): number {
  // `+ 0` turns -0 (values just under 1) into 0.
  return value <= MIN_INDEXABLE ? ZERO_BIN : Math.ceil(Math.log(value) / LN_GAMMA) + 0;
}

/** The value a bin stands for (within α of every value in it). */
export function sketchValue(key: number): number {
  return key === ZERO_BIN ? 0 : (2 * Math.exp(key * LN_GAMMA)) / (1 + GAMMA);
}

/** Total count of sorted `[key, count]` bins. */
export function sketchCount(bins: readonly (readonly [number, number])[]): number {
  let n = 0;
  for (const [, c] of bins) n += c;
  return n;
}

/** The value at 0-based `rank` (the DDSketch "lower" convention). */
function valueAtRank(bins: readonly (readonly [number, number])[], rank: number): number {
  let running = 0;
  for (const [key, count] of bins) {
    running += count;
    if (running > rank) return sketchValue(key);
  }
  return sketchValue(bins[bins.length - 1]![0]);
}

/** The q-quantile of sorted bins, like DDSketch.getValueAtQuantile; null when empty. */
export function sketchQuantile(bins: readonly (readonly [number, number])[], q: number): number | null {
  const n = sketchCount(bins);
  return n === 0 ? null : valueAtRank(bins, q * (n - 1));
}

/**
 * A distribution-free interval for the q-quantile: the order statistics at ranks
 * n·q ∓ z·sqrt(n·q·(1−q)) (normal approximation of the binomial count below the
 * quantile), read from the sketch. Null below 20 values, where it says nothing.
 */
export function sketchQuantileInterval(bins: readonly (readonly [number, number])[], q: number, z = Z95): Interval | null {
  const n = sketchCount(bins);
  if (n < 20) return null;
  const half = z * Math.sqrt(n * q * (1 - q));
  const lo = Math.max(0, Math.floor(n * q - half) - 1);
  const hi = Math.min(n - 1, Math.ceil(n * q + half) - 1);
  return { lo: valueAtRank(bins, lo), hi: valueAtRank(bins, hi) };
}
