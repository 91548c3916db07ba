import { describe, expect, it } from 'vitest';
import ref from '../../test/fixtures/stats-reference.json' with { type: 'json' };
import { normalQuantile } from './normal-quantile.ts';

// Reference: Python's statistics.NormalDist().inv_cdf (test/fixtures/stats-reference.py).
describe('normalQuantile', () => {
  it.each(ref.quantile.cases)('at p = %d', (p, z) => {
    // Relative to the magnitude, so the far tails are held to the same 13 digits.
    expect(Math.abs(normalQuantile(p!) - z!)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(z!)));
  });

  it('is symmetric in each branch', () => {
    // 2^-30 keeps 1 - p exact, so the far tail is compared on the same number.
    for (const p of [2 ** -30, 0.003, 0.02, 0.2, 0.45]) expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 12);
  });

  it('is infinite at 0 and 1 and NaN outside', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalQuantile(NaN)).toBeNaN();
  });
});
