import { describe, expect, it } from 'vitest';
import ref from '../../test/fixtures/stats-reference.json' with { type: 'json' };
import { chiSquareSf, lnGamma, upperGamma } from './chi-square.ts';

// Reference: closed forms for whole df in python3 (test/fixtures/stats-reference.py).
describe('chiSquareSf', () => {
  it.each(ref.chi2sf.cases)('upper tail at %d with %d df', (x, df, p) => {
    // Relative, so that p-values far in the tail are held to their own digits.
    expect(Math.abs(chiSquareSf(x!, df!) - p!)).toBeLessThanOrEqual(1e-12 * p!);
  });

  it('is 1 at 0 and falls to 0 at infinity', () => {
    expect(chiSquareSf(0, 3)).toBe(1);
    expect(chiSquareSf(-1, 3)).toBe(1);
    expect(chiSquareSf(Infinity, 3)).toBe(0);
  });

  it('is NaN for a meaningless df or x', () => {
    expect(chiSquareSf(2, 0)).toBeNaN();
    expect(chiSquareSf(NaN, 2)).toBeNaN();
  });
});

describe('the gamma functions underneath', () => {
  it('ln Γ matches factorials and Γ(1/2) = √π', () => {
    let factorial = 1;
    for (let n = 1; n <= 20; n++) {
      expect(lnGamma(n + 1)).toBeCloseTo(Math.log((factorial *= n)), 11);
    }
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(lnGamma(0.1)).toBeCloseTo(2.252712651734206, 12);
  });

  it('Q(1, x) is the exponential tail on both sides of the switch between expansions', () => {
    for (const x of [0.1, 1.9, 2, 2.1, 30]) expect(upperGamma(1, x) / Math.exp(-x)).toBeCloseTo(1, 12);
  });
});
