/**
 * GrowthBook's language-agnostic conformance cases, run straight from the
 * vendored JSON file: every case of the sections Kairos promises, none copied
 * into code, none skipped.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Condition } from '../src/language/condition.ts';
import { evalCondition } from '../src/engine/conditions.ts';
import { chooseVariation, getBucketRanges, hash, type BucketRange } from '../src/engine/hash.ts';

interface Cases {
  /** [name, condition, attributes, expected, savedGroups?] */
  evalCondition: [string, Condition, unknown, boolean, Record<string, unknown[]>?][];
  /** [seed, value, hashVersion, expected] */
  hash: [string, string, number, number | null][];
  /** [name, [numVariations, coverage, weights], expected] */
  getBucketRange: [string, [number, number, number[] | null], BucketRange[]][];
  /** [name, n, ranges, expected] */
  chooseVariation: [string, number, BucketRange[], number][];
}

/** SHA-256 of shared/conformance/growthbook-cases.json (GrowthBook specVersion 0.8.0, 2026-08). */
const SHARED_SHA256 = '1422cb1bfc6f6035f78aa21e5181ab91f758e37f1688e2c6142aface7d953886';

const vendored = new URL('./conformance/growthbook-cases.json', import.meta.url);
const bytes = readFileSync(vendored);
const cases = JSON.parse(bytes.toString('utf8')) as Cases;

// GrowthBook's own suite floors bucket bounds to 8 decimals before comparing.
const floor8 = (n: number): number => Math.floor(n * 1e8) / 1e8;
const floorRanges = (rs: BucketRange[]): number[][] => rs.map((r) => r.map(floor8));

describe('conformance file', () => {
  it('holds every case Kairos promises (a truncated file fails)', () => {
    expect(cases.evalCondition).toHaveLength(248);
    expect(cases.hash).toHaveLength(15);
    expect(cases.getBucketRange).toHaveLength(13);
    expect(cases.chooseVariation).toHaveLength(13);
  });

  // The file as shipped in shared/conformance (SHA-256 taken when it was vendored): the
  // copy here is that file, unchanged, whether or not the shared folder is next to this clone.
  it('is the shared conformance file, unchanged', () => {
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(SHARED_SHA256);
    const shared = new URL('../../../shared/conformance/growthbook-cases.json', import.meta.url);
    if (existsSync(shared)) expect(bytes.equals(readFileSync(shared))).toBe(true);
  });
});

describe('evalCondition', () => {
  it.each(cases.evalCondition)('[%#] %s', (_name, condition, attributes, expected, savedGroups) => {
    expect(evalCondition(attributes, condition, savedGroups)).toBe(expected);
  });
});

describe('hash', () => {
  // Hashes are integers over 1000 or 10000, so the file's decimals are exact.
  it.each(cases.hash)('[%#] hash(%j, %j, %i)', (seed, value, version, expected) => {
    expect(hash(seed, value, version)).toBe(expected);
  });
});

describe('getBucketRange', () => {
  it.each(cases.getBucketRange)('[%#] %s', (_name, [n, coverage, weights], expected) => {
    expect(floorRanges(getBucketRanges(n, coverage, weights ?? undefined))).toEqual(floorRanges(expected));
  });
});

describe('chooseVariation', () => {
  it.each(cases.chooseVariation)('[%#] %s', (_name, n, ranges, expected) => {
    expect(chooseVariation(n, ranges)).toBe(expected);
  });
});
