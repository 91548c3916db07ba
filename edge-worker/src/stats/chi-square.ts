/**
 * The chi-square upper tail, P(X ≥ x) for X ~ χ²(df), as the regularized upper
 * incomplete gamma function Q(df/2, x/2): a power series below the mean, a
 * continued fraction (modified Lentz) above it, each to double precision.
 * Computed as the upper tail directly, so tiny p-values keep their digits.
 */

// Lanczos (g = 7, n = 9): ln Γ to about 15 significant digits.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);
const EPSILON = 1e-16;
const TINY = 1e-300;
/** Both expansions converge in a few dozen steps for the df of a report; the bound only keeps bad input from looping. */
const MAX_STEPS = 10_000;

/** ln Γ(a) for a > 0. */
export function lnGamma(a: number): number {
  // Reflection keeps the approximation where it is accurate (a ≥ 0.5).
  if (a < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * a))) - lnGamma(1 - a);
  const z = a - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return HALF_LN_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Regularized lower incomplete gamma P(a, x) by its series; for x < a + 1. */
function lowerSeries(a: number, x: number, front: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_STEPS && Math.abs(term) > Math.abs(sum) * EPSILON; n++) {
    term *= x / (a + n);
    sum += term;
  }
  return sum * front;
}

/** Regularized upper incomplete gamma Q(a, x) by its continued fraction; for x ≥ a + 1. */
function upperFraction(a: number, x: number, front: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_STEPS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < EPSILON) break;
  }
  return h * front;
}

/**
 * Q(a, x) = Γ(a, x) / Γ(a) for a > 0, x ≥ 0: the upper tail of a Gamma(a, 1) variable.
 * @example upperGamma(1, 2) // Math.exp(-2)
 */
export function upperGamma(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  const front = Math.exp(a * Math.log(x) - x - lnGamma(a));
  return x < a + 1 ? 1 - lowerSeries(a, x, front) : upperFraction(a, x, front);
}

/**
 * Upper tail of the chi-square distribution with `df` degrees of freedom.
 * @example chiSquareSf(3.841458820694124, 1) // 0.05
 */
export function chiSquareSf(x: number, df: number): number {
  if (x <= 0 && df > 0) return 1;
  return Math.min(1, Math.max(0, upperGamma(df / 2, x / 2)));
}
