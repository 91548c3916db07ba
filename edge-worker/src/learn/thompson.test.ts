import { describe, expect, it } from 'vitest';
import { beta, gamma, seededRng } from './beta.ts';
import { posterior, thompsonWeights } from './thompson.ts';

const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('Beta sampling', () => {
  it('draws Gamma and Beta with their means and variances', () => {
    const rng = seededRng(42);
    const g = Array.from({ length: 20_000 }, () => gamma(3, rng));
    expect(mean(g)).toBeCloseTo(3, 1);
    const small = Array.from({ length: 20_000 }, () => gamma(0.5, rng));
    expect(mean(small)).toBeCloseTo(0.5, 1);
    const b = Array.from({ length: 20_000 }, () => beta(2, 8, rng));
    expect(mean(b)).toBeCloseTo(0.2, 2);
    const v = mean(b.map((x) => (x - 0.2) ** 2));
    expect(v).toBeCloseTo((2 * 8) / (100 * 11), 3);
    expect(() => gamma(0, rng)).toThrow(RangeError);
  });

  it('repeats its draws for a seed', () => {
    expect(beta(3, 4, seededRng(7))).toBe(beta(3, 4, seededRng(7)));
  });
});

describe('thompsonWeights', () => {
  it('stays equal until every arm has the minimum sample', () => {
    expect(thompsonWeights([{ exposed: 500, conversions: 100 }, { exposed: 10, conversions: 0 }], { minSample: 30 })).toEqual([0.5, 0.5]);
  });

  it('favours the better arm, keeps the floor for the others, and sums to 1', () => {
    const w = thompsonWeights(
      [{ exposed: 1000, conversions: 50 }, { exposed: 1000, conversions: 110 }, { exposed: 1000, conversions: 70 }],
      { rng: seededRng(1), floor: 0.05 },
    );
    expect(w[1]).toBeGreaterThan(0.85);
    expect(Math.min(...w)).toBeGreaterThanOrEqual(0.05);
    expect(w.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
  });

  it('splits evenly between arms it cannot tell apart', () => {
    const w = thompsonWeights([{ exposed: 200, conversions: 20 }, { exposed: 200, conversions: 20 }], { rng: seededRng(3), draws: 4000 });
    expect(w[0]).toBeGreaterThan(0.4);
    expect(w[0]).toBeLessThan(0.6);
  });

  it('gives the posterior mean and a 95 % interval', () => {
    const p = posterior({ exposed: 98, conversions: 9 });
    expect(p.mean).toBeCloseTo(0.1, 5);
    expect(p.low).toBeGreaterThan(0.04);
    expect(p.high).toBeLessThan(0.16);
    expect(p.low).toBeLessThan(p.mean);
  });
});
