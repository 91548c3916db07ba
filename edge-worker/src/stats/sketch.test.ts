import { describe, expect, it } from 'vitest';
import { DDSketch } from '@datadog/sketches-js';
import { SKETCH_ACCURACY, sketchKey, sketchQuantile, sketchQuantileInterval, sketchValue, ZERO_BIN } from './sketch.ts';

/** Bins as the store keeps them: sorted [key, count]. */
function binsOf(values: number[]): [number, number][] {
  const m = new Map<number, number>();
  for (const v of values) m.set(sketchKey(v), (m.get(sketchKey(v)) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => a[0] - b[0]);
}

function lcg(seed: number): () => number {
  let s = seed;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

describe('DDSketch bins', () => {
  const rnd = lcg(7);
  // LCP-like: log-normal around 2.2 s; CLS-like: many exact zeros.
  const lcp = Array.from({ length: 5000 }, () => Math.exp(Math.log(2200) + 0.5 * Math.sqrt(-2 * Math.log(rnd() || 1e-9)) * Math.cos(2 * Math.PI * rnd())));
  const cls = Array.from({ length: 3000 }, () => (rnd() < 0.6 ? 0 : rnd() * 0.4));

  it.each([
    ['LCP', lcp],
    ['CLS', cls],
  ] as const)('gives the quantiles of Datadog’s DDSketch for %s', (_, values) => {
    const dd = new DDSketch({ relativeAccuracy: SKETCH_ACCURACY });
    for (const v of values) dd.accept(v);
    const bins = binsOf(values);
    for (const q of [0.1, 0.5, 0.75, 0.9, 0.99]) expect(sketchQuantile(bins, q)).toBeCloseTo(dd.getValueAtQuantile(q), 9);
  });

  it('stays within 1 % of the exact p75, with few bins', () => {
    const sorted = [...lcp].sort((a, b) => a - b);
    const exact = sorted[Math.floor(0.75 * (sorted.length - 1))]!;
    const bins = binsOf(lcp);
    expect(Math.abs(sketchQuantile(bins, 0.75)! - exact) / exact).toBeLessThanOrEqual(SKETCH_ACCURACY);
    expect(bins.length).toBeLessThan(250);
  });

  it('maps every value back into its own bin', () => {
    for (const v of [0.0001, 0.05, 1, 99, 2500, 60_000]) {
      expect(sketchKey(sketchValue(sketchKey(v)))).toBe(sketchKey(v));
      expect(Math.abs(sketchValue(sketchKey(v)) - v) / v).toBeLessThanOrEqual(SKETCH_ACCURACY);
    }
    expect(sketchKey(0)).toBe(ZERO_BIN);
    expect(sketchValue(ZERO_BIN)).toBe(0);
  });

  it('brackets the p75 with an order-statistic interval that covers it about 95 % of the time', () => {
    const r = lcg(11);
    const sample = (): number => Math.exp(Math.log(2000) + 0.4 * Math.sqrt(-2 * Math.log(r() || 1e-9)) * Math.cos(2 * Math.PI * r()));
    // The true p75 of that log-normal: exp(mu + sigma * z75).
    const truth = Math.exp(Math.log(2000) + 0.4 * 0.6744897501960817);
    let covered = 0;
    for (let i = 0; i < 400; i++) {
      const ci = sketchQuantileInterval(binsOf(Array.from({ length: 300 }, sample)), 0.75)!;
      if (ci.lo <= truth * (1 + SKETCH_ACCURACY) && truth * (1 - SKETCH_ACCURACY) <= ci.hi) covered++;
    }
    expect(covered / 400).toBeGreaterThan(0.92);
    expect(covered / 400).toBeLessThan(0.99);
    expect(sketchQuantileInterval(binsOf([1, 2, 3]), 0.75)).toBeNull();
    expect(sketchQuantile([], 0.75)).toBeNull();
  });
});
