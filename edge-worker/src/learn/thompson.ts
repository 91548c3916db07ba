import { beta, type Rng } from './beta.ts';

/** One arm's evidence: visitors exposed and those of them who converted. */
export interface ArmCounts {
  exposed: number;
  conversions: number;
}

/** How Thompson weights are drawn. */
export interface ThompsonOptions {
  /** Least weight any arm keeps, so a slow start never starves an arm. @default 0.05 */
  floor?: number;
  /** Exposed visitors every arm needs before weights leave equal. @default 30 */
  minSample?: number;
  /** Monte-Carlo draws. @default 2000 */
  draws?: number;
  rng?: Rng;
}

export const DEFAULT_FLOOR = 0.05;
export const DEFAULT_MIN_SAMPLE = 30;
const DEFAULT_DRAWS = 2000;

/** Equal weights for `n` arms. */
export const equalWeights = (n: number): number[] => Array.from({ length: n }, () => 1 / n);

/** True when every arm has at least `minSample` exposed visitors. */
export function enoughSample(arms: readonly ArmCounts[], minSample = DEFAULT_MIN_SAMPLE): boolean {
  return arms.length > 0 && arms.every((a) => a.exposed >= minSample);
}

/**
 * Thompson sampling's weights: each arm's probability of being the best, estimated by
 * `draws` joint draws from the Beta(1 + conversions, 1 + exposed − conversions)
 * posteriors; then mixed with the floor (`w·(1 − k·floor) + floor`, which keeps the
 * sum at 1). Equal weights until every arm has `minSample` exposed visitors.
 */
export function thompsonWeights(arms: readonly ArmCounts[], opts: ThompsonOptions = {}): number[] {
  const n = arms.length;
  if (n === 0) return [];
  if (!enoughSample(arms, opts.minSample ?? DEFAULT_MIN_SAMPLE)) return equalWeights(n);
  const rng = opts.rng ?? Math.random;
  const draws = opts.draws ?? DEFAULT_DRAWS;
  const floor = Math.min(opts.floor ?? DEFAULT_FLOOR, 1 / n);
  const wins = new Array<number>(n).fill(0);
  for (let d = 0; d < draws; d++) {
    let best = 0;
    let top = -1;
    for (let i = 0; i < n; i++) {
      const a = arms[i]!;
      // Counts may be fractional (a segment's prior of pooled pseudo-visitors).
      const conv = Math.min(Math.max(a.conversions, 0), a.exposed);
      const x = beta(1 + conv, 1 + a.exposed - conv, rng);
      if (x > top) {
        top = x;
        best = i;
      }
    }
    wins[best]!++;
  }
  return wins.map((w) => (w / draws) * (1 - n * floor) + floor);
}

/** The Beta posterior's mean and central 95 % interval (normal approximation, clipped to [0, 1]). */
export function posterior(a: ArmCounts): { mean: number; low: number; high: number } {
  const al = 1 + Math.min(a.conversions, a.exposed);
  const be = 1 + a.exposed - Math.min(a.conversions, a.exposed);
  const mean = al / (al + be);
  const sd = Math.sqrt((al * be) / ((al + be) ** 2 * (al + be + 1)));
  return { mean, low: Math.max(0, mean - 1.96 * sd), high: Math.min(1, mean + 1.96 * sd) };
}
