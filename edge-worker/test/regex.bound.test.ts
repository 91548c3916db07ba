/**
 * The matcher's cost is bounded by construction: it counts its instruction visits,
 * and no accepted pattern takes more than program size × (input length + 1) of
 * them, nor more than the fixed cap that bound gives on a context string (256
 * units), on the patterns an adversarial probe used for ReDoS and on fuzzed ones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_STRING } from '../src/context/bounds.ts';
import { compileRegex, MAX_PROGRAM, type SafeRegex } from '../src/language/regex/index.ts';
import { ALPHABET, pattern } from './regex-arbitraries.ts';

/** The most steps any accepted pattern may take on a context string. */
const STEP_CAP = MAX_PROGRAM * (MAX_STRING + 1);

/** The probe's patterns: each once backtracked for seconds on 256 visitor-chosen characters. */
const PROBES = [
  'a*a*a*b', '.*.*.*=', '\\w*\\w*\\w*!', '.*ski.*boots.*', '(a|a)*b', '(a|ab)*c', '(\\w|\\d)+$', '(.|\\s)*x',
  '(a+)+b', '(a*)*b', '(x+x+)+y', '^(\\w+\\s?)*$', '(.*a){3}x', '.*.*.*.*.*.*=',
  `${'a?'.repeat(40)}${'a'.repeat(40)}`, 'a{0,60}'.repeat(5), 'a{0,30}'.repeat(5) + 'b', '(a{0,9}){0,9}b',
];

/** Long inputs that make backtracking matchers explode: runs of the pattern's own characters. */
function adversarial(source: string): string[] {
  const units = [...new Set(source.replace(/[\\()[\]{}*+?|^$.]/g, ''))];
  const runs = ['a', '=', ' ', 'x', ...units].map((u) => u.repeat(MAX_STRING));
  const mixed = Array.from({ length: MAX_STRING }, (_, i) => (units.length ? units[i % units.length] : 'a')).join('');
  return [...runs, mixed, `${'a'.repeat(MAX_STRING - 1)}!`, ALPHABET.join('').repeat(8).slice(0, MAX_STRING)];
}

function maxSteps(regex: SafeRegex, inputs: string[]): number {
  let worst = 0;
  for (const text of inputs) {
    const meter = { steps: 0 };
    regex.test(text, meter);
    expect(meter.steps).toBeLessThanOrEqual(regex.size * (text.length + 1));
    worst = Math.max(worst, meter.steps);
  }
  return worst;
}

describe('the regex matcher is bounded', () => {
  it.each(PROBES)('%s is refused with a reason, or matches within its step bound', (source) => {
    for (const flags of ['', 'i'] as const) {
      const r = compileRegex(source, flags);
      if (!r.ok) {
        expect(r.reason).toMatch(/too large to match in bounded time: it compiles to \d+ instructions/);
        continue;
      }
      expect(maxSteps(r.regex, adversarial(source))).toBeLessThanOrEqual(STEP_CAP);
    }
  });

  it('accepts most of the probe patterns: they are linear now', () => {
    const accepted = PROBES.filter((p) => compileRegex(p).ok);
    expect(accepted.length).toBeGreaterThanOrEqual(PROBES.length - 2);
  });

  it('stays within the bound on fuzzed patterns and 256-unit adversarial inputs', () => {
    let accepted = 0;
    let worst = 0;
    fc.assert(
      fc.property(pattern, fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 1, maxLength: 4 }), (source, seed) => {
        const r = compileRegex(source, 'i');
        if (!r.ok) return;
        accepted++;
        const inputs = [...adversarial(source), seed.repeat(MAX_STRING).slice(0, MAX_STRING)];
        worst = Math.max(worst, maxSteps(r.regex, inputs));
      }),
      { numRuns: 600 },
    );
    expect(accepted).toBeGreaterThan(300);
    expect(worst).toBeLessThanOrEqual(STEP_CAP);
  }, 180_000);

  it('reaches its bound on a pattern that keeps every instruction alive', () => {
    const r = compileRegex('[\\s\\S]{0,99}b');
    if (!r.ok) throw new Error(r.reason);
    const meter = { steps: 0 };
    expect(r.regex.test('a'.repeat(MAX_STRING), meter)).toBe(false);
    expect(r.regex.size).toBe(MAX_PROGRAM);
    // Most of size × (n + 1): the bound is tight, not a formality.
    expect(meter.steps).toBeGreaterThan(STEP_CAP / 3);
    expect(meter.steps).toBeLessThanOrEqual(STEP_CAP);
  });
});
