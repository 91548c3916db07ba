import { describe, expect, it } from 'vitest';
import ref from '../../test/fixtures/stats-reference.json' with { type: 'json' };
import { relativeLift, wilson, Z95, zFor } from './intervals.ts';

// Reference values: test/fixtures/stats-reference.py (python3 stdlib), and the
// published Wilson intervals of Newcombe (1998), table I.
describe('intervals', () => {
  it('z for 95 % matches the reference', () => {
    expect(Z95).toBeCloseTo(ref.z95, 12);
    expect(zFor(0.9)).toBeCloseTo(1.6448536269514722, 12);
  });

  it.each(ref.wilson.cases)('Wilson %d/%d', (x, n, lo, hi) => {
    const ci = wilson(x!, n!)!;
    expect(ci.lo).toBeCloseTo(lo!, 12);
    expect(ci.hi).toBeCloseTo(hi!, 12);
  });

  it.each(ref.wilson.newcombe1998)('Wilson %d/%d as published by Newcombe (1998)', (x, n, lo, hi) => {
    const ci = wilson(x!, n!)!;
    expect(ci.lo).toBeCloseTo(lo!, 4);
    expect(ci.hi).toBeCloseTo(hi!, 4);
  });

  it('has no interval without visitors', () => {
    expect(wilson(0, 0)).toBeNull();
  });

  it.each(ref.lift.cases)('lift %d/%d over %d/%d (log rate ratio, Katz)', (xt, nt, xc, nc, est, lo, hi) => {
    const l = relativeLift(xt!, nt!, xc!, nc!)!;
    expect(l.estimate).toBeCloseTo(est!, 12);
    expect(l.ci.lo).toBeCloseTo(lo!, 12);
    expect(l.ci.hi).toBeCloseTo(hi!, 12);
  });

  it('has no lift interval without conversions on either side', () => {
    expect(relativeLift(0, 100, 5, 100)).toBeNull();
    expect(relativeLift(5, 100, 0, 100)).toBeNull();
    expect(relativeLift(5, 0, 5, 100)).toBeNull();
  });

  it('covers the true lift about 95 % of the time (simulated experiments)', () => {
    // A seeded generator (mulberry32) so the test is deterministic.
    let s = 42;
    const rnd = (): number => {
      s = (s + 0x6d2b79f5) | 0;
      let t = Math.imul(s ^ (s >>> 15), 1 | s);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const binomial = (n: number, p: number): number => {
      let x = 0;
      for (let i = 0; i < n; i++) if (rnd() < p) x++;
      return x;
    };
    let covered = 0;
    let wilsonCovered = 0;
    const runs = 2000;
    for (let i = 0; i < runs; i++) {
      const xt = binomial(800, 0.13);
      const xc = binomial(800, 0.1);
      const l = relativeLift(xt, 800, xc, 800)!;
      if (l.ci.lo <= 0.3 && 0.3 <= l.ci.hi) covered++;
      const w = wilson(xt, 800)!;
      if (w.lo <= 0.13 && 0.13 <= w.hi) wilsonCovered++;
    }
    expect(covered / runs).toBeGreaterThan(0.93);
    expect(covered / runs).toBeLessThan(0.97);
    expect(wilsonCovered / runs).toBeGreaterThan(0.93);
    expect(wilsonCovered / runs).toBeLessThan(0.97);
  });
});
