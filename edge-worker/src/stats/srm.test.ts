import { describe, expect, it } from 'vitest';
import ref from '../../test/fixtures/stats-reference.json' with { type: 'json' };
import { chiSquareSf, srmCheck } from './srm.ts';

describe('sample-ratio mismatch', () => {
  it.each(ref.chi2sf.cases)('chi-square upper tail at %d with %d df', (x, df, p) => {
    expect(chiSquareSf(x!, df!)).toBeCloseTo(p!, 9);
  });

  it.each(ref.srm.cases as [number[], number[], number, number][])('observed %j against weights %j', (observed, weights, chi2, p) => {
    const r = srmCheck(observed.map(String), observed, weights);
    expect(r.chi2).toBeCloseTo(chi2, 9);
    expect(r.p).toBeCloseTo(p, 9);
    expect(r.flagged).toBe(p < 0.001);
  });

  it('flags a broken 50/50 split and not a good one', () => {
    expect(srmCheck(['a', 'b'], [1000, 1300], [1, 1]).flagged).toBe(true);
    expect(srmCheck(['a', 'b'], [1000, 1030], [1, 1]).flagged).toBe(false);
  });

  it('does not test samples too small for the approximation, nor a single arm', () => {
    expect(srmCheck(['a', 'b'], [3, 0], [1, 1])).toMatchObject({ p: null, chi2: null, flagged: false });
    expect(srmCheck(['a'], [300], [1])).toMatchObject({ p: null, df: 0, flagged: false });
  });
});
