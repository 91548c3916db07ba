/**
 * Linear-time regular expressions for rules' `$regex` operators: the same
 * answers as `new RegExp(source, flags).test(text)` on every pattern accepted,
 * in at most program size × (text length + 1) steps. The validator and the
 * engine both compile patterns here, so what validates is exactly what runs.
 */
import { compileProgram } from './compile.ts';
import { parsePattern } from './parse.ts';
import type { Program } from './program.ts';
import { RegexRefusal } from './refusal.ts';
import { regexOf, type SafeRegex } from './safe-regex.ts';

/** Longest accepted pattern source. @default 200 */
export const MAX_REGEX_LENGTH = 200;

/** A compiled pattern, or the reason it is refused (a sentence after "the regular expression …"). */
export type RegexResult = { ok: true; regex: SafeRegex } | { ok: false; reason: string };

/**
 * Compiles `source` with `flags` ('' or 'i').
 * @example compileRegex('(ski|snow)board', 'i') // { ok: true, regex }
 * @example compileRegex('(a)\\1', '') // { ok: false, reason: 'uses a back-reference (\\1), …' }
 */
export function compileRegex(source: string, flags: '' | 'i' = ''): RegexResult {
  if (source.length > MAX_REGEX_LENGTH) {
    return { ok: false, reason: `is ${source.length} characters long; keep it to ${MAX_REGEX_LENGTH}` };
  }
  try {
    // Only the syntax is checked natively (compiling never runs the pattern).
    new RegExp(source, flags);
  } catch (e) {
    return { ok: false, reason: `does not compile: ${(e as Error).message}` };
  }
  let program: Program;
  try {
    program = compileProgram(parsePattern(source, flags === 'i'));
  } catch (e) {
    if (e instanceof RegexRefusal) return { ok: false, reason: e.message };
    throw e;
  }
  return { ok: true, regex: regexOf(program) };
}

/** {@link compileRegex} for the engine: the regex, or null when the pattern is refused. */
export function compilePattern(source: string, flags: '' | 'i'): SafeRegex | null {
  const r = compileRegex(source, flags);
  return r.ok ? r.regex : null;
}
