/**
 * Confidence intervals for conversion rates and relative lift. The formulas are
 * short and checked against reference values computed independently
 * (test/fixtures/stats-reference.json).
 */
import { normalQuantile } from './normal-quantile.ts';

/** A closed interval. */
export interface Interval {
  lo: number;
  hi: number;
}

/** The two-sided z for a confidence level (1.959963984540054 for 95 %). */
export function zFor(confidence: number): number {
  return normalQuantile(1 - (1 - confidence) / 2);
}

/** z for the report's 95 % intervals. */
export const Z95 = zFor(0.95);

/**
 * Wilson score interval of a proportion `x / n` (Wilson 1927; Newcombe 1998,
 * method 3): well-behaved at 0 and 1 and for small n, unlike the Wald interval.
 * Null when n is 0.
 */
export function wilson(x: number, n: number, z = Z95): Interval | null {
  if (n <= 0) return null;
  const p = x / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lo: Math.max(0, center - half), hi: Math.min(1, center + half) };
}

/** Relative lift of a treatment over a control with its interval. */
export interface Lift {
  /** (p_t / p_c) − 1. */
  estimate: number;
  ci: Interval;
}

/**
 * Relative lift `p_t / p_c − 1` with the delta-method interval on the log of the
 * risk ratio (Katz et al. 1978): `exp(ln RR ± z·sqrt(1/x_t − 1/n_t + 1/x_c − 1/n_c)) − 1`.
 * Asymmetric around the estimate, never below −100 %. Null when either arm has no
 * conversions (the log ratio is undefined) or no visitors.
 */
export function relativeLift(xt: number, nt: number, xc: number, nc: number, z = Z95): Lift | null {
  if (nt <= 0 || nc <= 0 || xt <= 0 || xc <= 0) return null;
  const rr = xt / nt / (xc / nc);
  const se = Math.sqrt(1 / xt - 1 / nt + 1 / xc - 1 / nc);
  return { estimate: rr - 1, ci: { lo: rr * Math.exp(-z * se) - 1, hi: rr * Math.exp(z * se) - 1 } };
}
