/**
 * The precompiled rules file: what the build writes for the Worker bundle
 * (`.generated/compiled-rules.json`), so the Worker compiles rules that were
 * validated and sanitised in Node and carries neither the validator nor an HTML
 * parser. Shared by the writer (`precompile.ts`) and the reader (`load-precompiled.ts`).
 */
import type { ProgramJson } from '../language/regex/program-json.ts';
import type { PreparedRules } from './types.ts';

/** What the file says it is. */
export const PRECOMPILED_KIND = 'kairos-precompiled-rules';

/**
 * The layout of the file and the meaning of its content. Bump it whenever either
 * changes, so that a Worker never compiles a file it would misread.
 */
export const PRECOMPILED_FORMAT = 2;

/** Where a pattern's program is in {@link PrecompiledRules.regexes}: `/source`, or `i/source` with the `i` flag. */
export const regexKey = (source: string, flags: '' | 'i'): string => `${flags}/${source}`;

/** A rules file validated, versioned and prepared at build time. */
export interface PrecompiledRules {
  kind: typeof PRECOMPILED_KIND;
  format: number;
  /** The rules version, as `RulesHolder` computes it from the validated file. */
  version: string;
  rules: PreparedRules;
  /**
   * Every `$regex` pattern the rules compile, compiled (null for one the matcher refuses,
   * which matches nobody): the Worker runs these programs and carries no pattern compiler.
   */
  regexes: Record<string, ProgramJson | null>;
}
