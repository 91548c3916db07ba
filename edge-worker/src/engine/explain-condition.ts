/**
 * Why a condition does not match a context, field by field: for `kairos explain` only.
 * It compiles each top-level entry on every call, so it never belongs on the decide path.
 */
import type { Condition } from '../language/condition.ts';
import { compileConditionWith, type CompileOptions } from './conditions.ts';
import type { RegexCompiler } from './types.ts';
import { getPath } from './paths.ts';
import { GROUPS_FIELD } from '../language/operators.ts';

/** The first top-level entry of a condition that the context does not satisfy. */
export interface ConditionMiss {
  /** The entry's key: a dot path into the context (or `$groups`), or a top-level operator (`$or`, `$audience` …). */
  key: string;
  /** What the entry asks for, as written. */
  wanted: unknown;
  /** For a dot path, what the context holds there (`undefined` when it holds nothing). */
  value?: unknown;
  /** True when `key` reads a value (a dot path, `$groups`), so `value` is meaningful. */
  isField: boolean;
}

/**
 * Evaluates a condition's top-level entries one at a time, in the order written (they
 * are ANDed), and returns the first that fails; `null` when every entry holds.
 * @example firstMiss({ 'device.type': 'mobile' }, ctx, { regex: compilePattern }) // { key: 'device.type', wanted: 'mobile', value: 'desktop', isField: true }
 */
export function firstMiss(when: Condition, ctx: unknown, options: CompileOptions & { regex: RegexCompiler }): ConditionMiss | null {
  for (const [key, wanted] of Object.entries(when)) {
    if (compileConditionWith({ [key]: wanted }, options)(ctx)) continue;
    // `$groups` reads the names of the audiences the context matches, like a field.
    if (key === GROUPS_FIELD && options.audiences) {
      const value = Object.keys(options.audiences).filter((name) => options.audiences![name]!(ctx));
      return { key, wanted, value, isField: true };
    }
    const isField = !key.startsWith('$');
    return isField ? { key, wanted, value: getPath(ctx, key), isField } : { key, wanted, isField };
  }
  return null;
}
