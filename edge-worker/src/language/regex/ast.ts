/**
 * The parsed form of a pattern, reduced to what decides whether it matches:
 * groups are gone (capture numbers do not change the answer of a test), every
 * literal, class and escape is a set of code units, and a lazy quantifier is
 * the same repeat as a greedy one.
 */
import type { CharSet } from './char-set.ts';

/** Zero-width tests: `^`, `$`, `\b`, `\B` (no `m` flag, so only the ends of the input). */
export type Assertion = 'start' | 'end' | 'boundary' | 'not-boundary';

/** A node of the parsed pattern. */
export type RegexAst =
  /** One code unit from the set. */
  | { kind: 'set'; set: CharSet }
  | { kind: 'seq'; items: RegexAst[] }
  | { kind: 'alt'; branches: RegexAst[] }
  /** `max` is Infinity for `*`, `+` and `{n,}`. */
  | { kind: 'repeat'; body: RegexAst; min: number; max: number }
  | { kind: 'assert'; test: Assertion };
