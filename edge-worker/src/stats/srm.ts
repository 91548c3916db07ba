/**
 * Sample-ratio mismatch: a chi-square goodness-of-fit test of the observed split
 * against the configured weights. A tiny p-value means the split is broken (lost
 * exposures, a buggy client, bots), so no lift figure of that split can be trusted.
 */
import { chiSquareSf } from './chi-square.ts';

export { chiSquareSf };

/** p below this flags a broken split (the usual SRM threshold; strict because it runs on every report). */
export const SRM_ALPHA = 0.001;
/** Every expected count must reach this for the chi-square approximation to hold. */
export const SRM_MIN_EXPECTED = 5;

/** The outcome of one SRM check. */
export interface SrmCheck {
  /** What each count is (variant ids, or `holdout` / `rest`). */
  labels: string[];
  observed: number[];
  expected: number[];
  chi2: number | null;
  df: number;
  /** Null when the sample is too small to test. */
  p: number | null;
  flagged: boolean;
}

/** Tests `observed` counts against `weights` (any positive scale). */
export function srmCheck(labels: string[], observed: number[], weights: number[]): SrmCheck {
  const total = observed.reduce((s, x) => s + x, 0);
  const wsum = weights.reduce((s, w) => s + w, 0);
  const expected = weights.map((w) => (total * w) / wsum);
  const df = observed.length - 1;
  if (df < 1 || wsum <= 0 || expected.some((e) => e < SRM_MIN_EXPECTED)) {
    return { labels, observed, expected, chi2: null, df, p: null, flagged: false };
  }
  const chi2 = observed.reduce((s, o, i) => s + (o - expected[i]!) ** 2 / expected[i]!, 0);
  const p = chiSquareSf(chi2, df);
  return { labels, observed, expected, chi2, df, p, flagged: p < SRM_ALPHA };
}
