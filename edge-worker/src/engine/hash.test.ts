import { describe, expect, it } from 'vitest';
import { chooseVariation, codeUnits, fnv1a32, getBucketRanges, hash, hashUnits, inRange, seedState } from './hash.ts';

/** The textbook definition, with the string concatenations hash() avoids. */
function fnvReference(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Number((BigInt(h >>> 0) * 16777619n) % 2n ** 32n);
  }
  return h >>> 0;
}
function hashReference(seed: string, value: string, version: number): number | null {
  if (version === 2) return (fnvReference(String(fnvReference(seed + value))) % 10000) / 10000;
  if (version === 1) return (fnvReference(value + seed) % 1000) / 1000;
  return null;
}

describe('fnv1a32', () => {
  // Published FNV-1a 32-bit test vectors.
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('fnv1a32(%j)', (s, expected) => {
    expect(fnv1a32(s)).toBe(expected);
  });

  it('hashes UTF-16 code units, like the reference', () => {
    for (const s of ['é', '日本語', '😀', '\u0000', 'x'.repeat(1000)]) expect(fnv1a32(s)).toBe(fnvReference(s));
  });
});

describe('hash', () => {
  const samples = ['', 'a', 'visitor-123', 'hero/ski-search', '😀-id', '4294967295', 'ünï'];

  it('streams seed and value exactly like hashing their concatenation', () => {
    for (const seed of samples) {
      for (const value of samples) {
        expect(hash(seed, value, 1)).toBe(hashReference(seed, value, 1));
        expect(hash(seed, value, 2)).toBe(hashReference(seed, value, 2));
      }
    }
  });

  it('continues from a seed state over code units exactly like version 2', () => {
    for (const seed of samples) {
      for (const value of samples) expect(hashUnits(seedState(seed), codeUnits(value))).toBe(hashReference(seed, value, 2));
    }
    // Concatenated (two-part) strings, as visitor ids often are.
    for (let i = 0; i < 2000; i++) {
      const visitor = `visitor-${i * 7919}`;
      expect(hashUnits(seedState('slot/rule'), codeUnits(visitor))).toBe(hash('slot/rule', visitor, 2));
    }
  });

  it('gives null for unknown versions', () => {
    for (const v of [0, 3, -1, 1.5, Number.NaN]) expect(hash('s', 'v', v)).toBeNull();
  });

  it('is deterministic and spreads visitors evenly', () => {
    const counts = new Array<number>(10).fill(0);
    let min = 1;
    let max = 0;
    for (let i = 0; i < 20_000; i++) {
      const n = hash('hero/rule', `visitor-${i}`, 2)!;
      min = Math.min(min, n);
      max = Math.max(max, n);
      counts[Math.floor(n * 10)]!++;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(200);
    expect(hash('hero/rule', 'visitor-7', 2)).toBe(hash('hero/rule', 'visitor-7', 2));
  });
});

describe('getBucketRanges', () => {
  it('defaults to full coverage and equal weights', () => {
    expect(getBucketRanges(3)).toEqual([[0, 1 / 3], [1 / 3, 2 / 3], [2 / 3, 1]]);
  });

  it('gives no ranges for no variations', () => {
    expect(getBucketRanges(0)).toEqual([]);
    expect(getBucketRanges(-2)).toEqual([]);
  });

  it('treats a NaN coverage as nobody', () => {
    expect(getBucketRanges(2, Number.NaN)).toEqual([[0, 0], [0.5, 0.5]]);
  });

  it('keeps a visitor in the same variation when coverage grows', () => {
    const small = getBucketRanges(2, 0.2, [0.5, 0.5]);
    const large = getBucketRanges(2, 0.8, [0.5, 0.5]);
    for (let n = 0; n < 1; n += 0.01) {
      const before = chooseVariation(n, small);
      if (before >= 0) expect(chooseVariation(n, large)).toBe(before);
    }
  });
});

describe('chooseVariation / inRange', () => {
  it('uses half-open ranges', () => {
    expect(inRange(0, [0, 0.5])).toBe(true);
    expect(inRange(0.5, [0, 0.5])).toBe(false);
    expect(inRange(0.5, [0.5, 0.5])).toBe(false);
  });

  it('gives -1 outside every range and for no ranges', () => {
    expect(chooseVariation(0.9, [[0, 0.25], [0.5, 0.75]])).toBe(-1);
    expect(chooseVariation(0.1, [])).toBe(-1);
  });
});
