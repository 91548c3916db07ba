/**
 * The linear-time matcher against V8's RegExp: on every pattern it accepts, the
 * same answer as `new RegExp(source, flags).test(input)`, for random patterns of
 * the supported syntax and for raw character soup, with and without `i`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalize } from '../src/language/regex/case-fold.ts';
import { compileRegex } from '../src/language/regex/index.ts';
import { ALPHABET, input, pattern, soup } from './regex-arbitraries.ts';

const FLAGS = ['', 'i'] as const;
/** fast-check runs many cases; the machines running the suite are shared and slow. */
const TIMEOUT = 180_000;

/** Patterns checked, and how many the matcher accepted (the rest are refused or invalid). */
interface Tally {
  patterns: number;
  accepted: number;
  tests: number;
}

function agreesWithNative(source: string, inputs: string[], tally: Tally): void {
  for (const flags of FLAGS) {
    tally.patterns++;
    const ours = compileRegex(source, flags);
    if (!ours.ok) continue;
    tally.accepted++;
    const native = new RegExp(source, flags);
    for (const text of inputs) {
      tally.tests++;
      if (ours.regex.test(text) !== native.test(text)) {
        throw new Error(`${JSON.stringify(source)} /${flags} on ${JSON.stringify(text)}: native says ${native.test(text)}`);
      }
    }
  }
}

describe('the regex matcher agrees with RegExp.prototype.test', () => {
  it('on random patterns of the supported syntax', () => {
    const tally: Tally = { patterns: 0, accepted: 0, tests: 0 };
    fc.assert(
      fc.property(pattern, fc.array(input, { minLength: 4, maxLength: 12 }), (source, inputs) => {
        agreesWithNative(source, [...inputs, '', ALPHABET.join('')], tally);
      }),
      // Fixed seed: V8 backtracks, and a random pattern it cannot finish would hang the suite.
      { numRuns: 2000, seed: 20261203 },
    );
    // The generator must mostly produce accepted patterns, or this test proves little.
    expect(tally.accepted).toBeGreaterThan(tally.patterns * 0.6);
    expect(tally.tests).toBeGreaterThan(20_000);
  }, TIMEOUT);

  it('on raw regex syntax that compiles natively', () => {
    const tally: Tally = { patterns: 0, accepted: 0, tests: 0 };
    fc.assert(
      fc.property(soup, fc.array(input, { minLength: 4, maxLength: 8 }), (source, inputs) => {
        agreesWithNative(source, [...inputs, source], tally);
      }),
      { numRuns: 3000, seed: 20261203 },
    );
    expect(tally.accepted).toBeGreaterThan(500);
  }, TIMEOUT);

  it('folds case as V8 does for every code unit (the i flag)', () => {
    let checked = 0;
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      const native = new RegExp(`\\u${c.toString(16).padStart(4, '0')}`, 'i');
      for (const other of new Set([ch.toLowerCase(), ch.toUpperCase(), ch.toLowerCase().toUpperCase()])) {
        if (other.length !== 1) continue;
        checked++;
        const same = canonicalize(c) === canonicalize(other.charCodeAt(0));
        if (same !== native.test(other)) throw new Error(`U+${c.toString(16)} /i on U+${other.charCodeAt(0).toString(16)}`);
      }
    }
    expect(checked).toBeGreaterThan(65_536);
    // Sets are closed under that equivalence: σ, ς and Σ share one canonical value.
    const sigma = compileRegex('[σ]', 'i');
    expect(sigma.ok && ['σ', 'ς', 'Σ', 's'].map((t) => sigma.regex.test(t))).toEqual([true, true, true, false]);
  }, TIMEOUT);
});
