/**
 * Checks a rule's `$regex` pattern with the engine's own compiler: a rule runs its
 * patterns on visitor-controlled text at every decision, so only patterns the
 * linear-time matcher accepts are valid, and validation can never disagree with
 * what runs.
 */
import { compileRegex } from '../language/regex/index.ts';

export { MAX_REGEX_LENGTH } from '../language/regex/index.ts';

/**
 * Null when `source` is accepted with `flags`, otherwise a sentence naming the
 * problem (to follow "the regular expression …").
 * @example checkRegex('(ski|snow)board') // null
 * @example checkRegex('(?=ski)s') // 'uses a look-ahead ((?=…), which cannot be matched in linear time'
 */
export function checkRegex(source: string, flags: '' | 'i' = ''): string | null {
  const r = compileRegex(source, flags);
  return r.ok ? null : r.reason;
}
