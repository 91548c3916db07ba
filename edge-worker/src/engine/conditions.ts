/**
 * The condition language: MongoDB-style conditions with GrowthBook's semantics,
 * compiled once into closures (no eval: Workers forbid it), so that evaluating
 * parses nothing and splits nothing.
 */
import type { Matcher, RegexCompiler } from './types.ts';
import type { Condition } from '../language/condition.ts';
import { audienceSet, type AudienceSet } from './groups.ts';
import { AUDIENCE_OPERATOR, GROUPS_FIELD } from '../language/operators.ts';
import { compilePathThen } from './paths.ts';
import { cachedAllOf, cachedAnyOf, cachedPathThen, type Reads } from './reads.ts';
import { allOf, compileValue, FALSE, negate, THROW, TRUE, type ValueScope } from './values.ts';
import { compilePattern } from '../language/regex/compile-regex.ts';

export { conditionFields } from './fields.ts';

/** What a condition may refer to besides the context. */
export interface CompileOptions {
  /** Value lists for `$inGroup` / `$notInGroup`, by id. @default {} */
  savedGroups?: Record<string, unknown[]>;
  /**
   * Compiled audiences, by name. When given, the pseudo-field `$groups` reads the
   * names of the audiences the context matches, and `{"$audience": "name"}` works;
   * otherwise `$groups` is read from the context like any field.
   */
  audiences?: Record<string, Matcher>;
  /** Shared field values: each evaluation of a context reads a field once for all matchers compiled with it. */
  reads?: Reads;
  /** Compiles `$regex` patterns. @default the linear-time matcher's compiler (compilePattern) */
  regex?: RegexCompiler;
}

interface Scope extends ValueScope {
  audiences: AudienceSet | null;
  reads: Reads | null;
  /** Set while compiling when the condition reads audiences: only then does evaluation track them. */
  usesAudiences: boolean;
}

/**
 * Compiles a condition into a matcher over a context document.
 * The matcher never throws: wrong types, cycles or a malformed condition give `false`.
 * @example compileCondition({ 'referrer.type': 'search', 'utm.term': { $regex: 'ski' } })(ctx)
 */
export function compileCondition(cond: Condition, options: CompileOptions = {}): Matcher {
  return compileConditionWith(cond, { ...options, regex: options.regex ?? compilePattern });
}

/**
 * {@link compileCondition} with the regex compiler given: the Worker's rules bring their
 * regexes compiled, and calling this keeps the pattern compiler out of its bundle.
 */
export function compileConditionWith(cond: Condition, options: CompileOptions & { regex: RegexCompiler }): Matcher {
  const scope: Scope = {
    regex: options.regex,
    savedGroups: options.savedGroups ?? {},
    audiences: options.audiences ? audienceSet(options.audiences) : null,
    usesAudiences: false,
    reads: options.reads ?? null,
    element: (c) => compileNode(c, scope, false),
  };
  let inner: Matcher;
  try {
    inner = compileNode(cond, scope, true);
  } catch {
    return FALSE; // e.g. nesting deep enough to exhaust the stack
  }
  const set = scope.usesAudiences ? scope.audiences : null;
  if (!set) {
    return (ctx) => {
      try {
        return inner(ctx);
      } catch {
        return false;
      }
    };
  }
  return (ctx) => {
    const mode = set.enter(ctx);
    try {
      return inner(ctx);
    } catch {
      return false;
    } finally {
      set.leave(mode);
    }
  };
}

/**
 * Compiles and evaluates in one go (tests, one-off checks): GrowthBook's
 * `evalCondition(attributes, condition, savedGroups)`.
 */
export function evalCondition(attributes: unknown, cond: Condition, savedGroups?: Record<string, unknown[]>): boolean {
  return compileCondition(cond, savedGroups ? { savedGroups } : {})(attributes);
}

/**
 * One condition object: every key must hold. `atRoot` is false inside
 * `$elemMatch`, where paths (and `$groups`) are read from the element.
 */
function compileNode(cond: unknown, scope: Scope, atRoot: boolean): Matcher {
  // GrowthBook walks Object.entries(condition): null throws, other primitives have no keys.
  if (cond === null || cond === undefined) return THROW;
  const obj = cond as Record<string, unknown>;
  const keys = Object.keys(obj);
  // The common node, fields only, as one closure over the shared values: one call less per field.
  if (atRoot && scope.reads && keys.length > 1 && keys.every((k) => isSharedField(k, scope))) {
    return cachedAllOf(scope.reads, keys, keys.map((k) => compileValue(obj[k], scope)));
  }
  const parts: Matcher[] = [];
  for (const key of keys) {
    const x = obj[key];
    switch (key) {
      case '$and': parts.push(logical(x, scope, atRoot, allOf)); break;
      case '$or': parts.push(logical(x, scope, atRoot, anyOf)); break;
      case '$nor': parts.push(negate(logical(x, scope, atRoot, anyOf))); break;
      case '$not': parts.push(negate(compileNode(x, scope, atRoot))); break;
      case AUDIENCE_OPERATOR: parts.push(compileAudience(x, scope)); break;
      default: parts.push(compileField(key, x, scope, atRoot));
    }
  }
  return allOf(parts);
}

/** A key that reads a context field (not an operator, not the audiences' `$groups`). */
function isSharedField(key: string, scope: Scope): boolean {
  switch (key) {
    case '$and': case '$or': case '$nor': case '$not': case AUDIENCE_OPERATOR: return false;
    default: return !(key === GROUPS_FIELD && scope.audiences);
  }
}

/** `$or` of an empty list holds, as in GrowthBook. */
function anyOf(ms: Matcher[]): Matcher {
  if (ms.length === 0) return TRUE;
  if (ms.length === 1) return ms[0]!;
  return (v) => {
    for (let i = 0; i < ms.length; i++) if (ms[i]!(v)) return true;
    return false;
  };
}

/** `$and` / `$or` operands, read as GrowthBook reads them (by `.length` and index). */
function logical(x: unknown, scope: Scope, atRoot: boolean, combine: (ms: Matcher[]) => Matcher): Matcher {
  if (x === null || x === undefined) return THROW;
  const list: unknown[] = Array.isArray(x) ? x : typeof x === 'string' ? x.split('') : [];
  // The common list, one field per operand (`[{ "a": 1 }, { "b": 2 }]`), as one closure over the shared values.
  if (atRoot && scope.reads && list.length > 1 && list.every((c) => isOneField(c, scope))) {
    const paths = list.map((c) => Object.keys(c as object)[0]!);
    const tests = list.map((c, i) => compileValue((c as Record<string, unknown>)[paths[i]!], scope));
    return (combine === anyOf ? cachedAnyOf : cachedAllOf)(scope.reads, paths, tests);
  }
  return combine(list.map((c) => compileNode(c, scope, atRoot)));
}

/** A plain condition object with a single key, a context field. */
function isOneField(c: unknown, scope: Scope): boolean {
  if (typeof c !== 'object' || c === null || Array.isArray(c)) return false;
  const keys = Object.keys(c);
  return keys.length === 1 && isSharedField(keys[0]!, scope);
}

function compileField(path: string, x: unknown, scope: Scope, atRoot: boolean): Matcher {
  const test = compileValue(x, scope);
  const set = scope.audiences;
  if (atRoot && path === GROUPS_FIELD && set) {
    scope.usesAudiences = true;
    return () => test(set.current());
  }
  // Missing reads as null, like GrowthBook's getPath. Only the context's own fields
  // are shared: an `$elemMatch` element is a different object every time.
  return atRoot && scope.reads ? cachedPathThen(scope.reads, path, test) : compilePathThen(path, test, null);
}

/**
 * `{"$audience": "a"}` / `{"$audience": ["a", "b"]}`: the context matches every
 * named audience (an empty list holds, like an empty `$and`).
 */
function compileAudience(x: unknown, scope: Scope): Matcher {
  const names = typeof x === 'string' ? [x] : Array.isArray(x) && x.every((n) => typeof n === 'string') ? (x as string[]) : null;
  if (!names) return FALSE;
  if (names.length === 0) return TRUE;
  const set = scope.audiences;
  if (!set) return FALSE;
  scope.usesAudiences = true;
  // Names resolve at first use: the audiences record may still be filling while rules compile.
  let indexes: number[] | null = null;
  return () => {
    if (!indexes) indexes = names.map((n) => set.indexOf(n));
    for (let i = 0; i < indexes.length; i++) {
      const at = indexes[i]!;
      if (at < 0 || !set.matches(at)) return false;
    }
    return true;
  };
}
