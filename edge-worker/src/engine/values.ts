/**
 * Compiles the value side of a condition (`"ski"`, `{ "$gte": 2 }`, `["a", "b"]`)
 * into a closure over the value read at a path, with GrowthBook's semantics.
 * Everything that can be prepared is prepared here: regexes, sets, padded
 * versions, serialised operands.
 */
import type { Matcher } from './types.ts';
import type { RegexCompiler } from './types.ts';
import { paddedVersion } from './version.ts';

/** What value compilation needs from the condition compiler. */
export interface ValueScope {
  /** Value lists for `$inGroup` / `$notInGroup`. */
  savedGroups: Record<string, unknown[]>;
  /** Compiles a whole condition tested on an array element (for `$elemMatch`). */
  element(cond: unknown): Matcher;
  /** Compiles `$regex` patterns. */
  regex: RegexCompiler;
}

/** Matches everything (an empty condition). */
export const TRUE: Matcher = () => true;
/** Matches nothing (an unknown operator, an invalid regex). */
export const FALSE: Matcher = () => false;
/** Where GrowthBook throws on a malformed condition; the compiled condition turns it into `false`. */
export const THROW: Matcher = () => {
  throw new TypeError('malformed condition');
};

const hasOwn = Object.prototype.hasOwnProperty;

/** True for a non-empty object whose keys all start with `$`: `{ "$gt": 1 }`, not `{ "a": 1 }`. */
export function isOperatorObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const keys = Object.keys(x);
  return keys.length > 0 && keys.every((k) => k[0] === '$');
}

/** Conjunction, unrolled for the common short lists. */
export function allOf(ms: Matcher[]): Matcher {
  if (ms.length === 0) return TRUE;
  if (ms.length === 1) return ms[0]!;
  if (ms.length === 2) {
    const [a, b] = ms as [Matcher, Matcher];
    return (v) => a(v) && b(v);
  }
  return (v) => {
    for (let i = 0; i < ms.length; i++) if (!ms[i]!(v)) return false;
    return true;
  };
}

/** The opposite matcher (`$not`, `$nin`, `$nor`). */
export function negate(m: Matcher): Matcher {
  return (v) => !m(v);
}

/**
 * Compiles a condition value. `insensitive` (from `$alli`) only affects plain
 * string operands, as in GrowthBook.
 */
export function compileValue(cond: unknown, scope: ValueScope, insensitive = false): Matcher {
  switch (typeof cond) {
    case 'string':
      return insensitive ? equalsFolded(cond) : equalsString(cond);
    case 'number':
      // `* 1` coerces like GrowthBook: "8" equals 8, and null equals 0.
      return (v) => (v as number) * 1 === cond;
    case 'boolean':
      return (v) => v !== null && !!v === cond;
    case 'object':
      if (cond === null) return (v) => v === null;
      if (isOperatorObject(cond)) {
        return allOf(Object.keys(cond).map((op) => compileOperator(op, cond[op], scope)));
      }
      return equalsJson(cond);
    default:
      return THROW;
  }
}

/** GrowthBook compares `value + ""`; strings and arrays of strings are compared without building it. */
function equalsString(s: string): Matcher {
  return (v) => {
    if (typeof v === 'string') return v === s;
    if (Array.isArray(v)) return joinEquals(v, s);
    return (v as string) + '' === s;
  };
}

/** `arr + "" === s` (a comma join), piece by piece while the elements are strings. */
function joinEquals(arr: unknown[], s: string): boolean {
  // Strings only: the joined length must be s's, which compares no characters.
  let joined = arr.length > 0 ? arr.length - 1 : 0;
  for (let i = 0; i < arr.length && joined >= 0; i++) {
    const el: unknown = arr[i];
    joined = typeof el === 'string' ? joined + el.length : -1;
  }
  if (joined >= 0 && joined !== s.length) return false;
  let at = 0;
  for (let i = 0; i < arr.length; i++) {
    const el: unknown = arr[i];
    if (typeof el !== 'string') return (arr as unknown as string) + '' === s;
    if (i > 0 && s.charCodeAt(at++) !== 44 /* , */) return false;
    if (!s.startsWith(el, at)) return false;
    at += el.length;
  }
  return at === s.length;
}

function equalsFolded(s: string): Matcher {
  const lower = s.toLowerCase();
  return (v) => String(v).toLowerCase() === lower;
}

/** Deep equality as GrowthBook does it (JSON text), the operand serialised once. */
function equalsJson(cond: object): Matcher {
  let json: string;
  try {
    json = JSON.stringify(cond);
  } catch {
    return THROW;
  }
  // A primitive never serialises like an object or an array: skip the work.
  return (v) => typeof v === 'object' && v !== null && JSON.stringify(v) === json;
}

function compileOperator(op: string, x: unknown, scope: ValueScope): Matcher {
  switch (op) {
    case '$eq': return (v) => v === x;
    case '$ne': return (v) => v !== x;
    // Relational operators coerce like JavaScript, as GrowthBook's do ("8" > 5).
    case '$lt': return (v) => (v as number) < (x as number);
    case '$lte': return (v) => (v as number) <= (x as number);
    case '$gt': return (v) => (v as number) > (x as number);
    case '$gte': return (v) => (v as number) >= (x as number);
    case '$veq': case '$vne': case '$vlt': case '$vlte': case '$vgt': case '$vgte':
      return versionCompare(op, paddedVersion(x));
    case '$exists': return x ? (v) => v !== null && v !== undefined : (v) => v === null || v === undefined;
    case '$in': return Array.isArray(x) ? isIn(new Set(x)) : FALSE;
    case '$nin': return Array.isArray(x) ? negate(isIn(new Set(x))) : FALSE;
    case '$ini': return Array.isArray(x) ? isInFolded(x) : FALSE;
    case '$nini': return Array.isArray(x) ? negate(isInFolded(x)) : FALSE;
    case '$inGroup': return inGroup(x, scope, false);
    case '$notInGroup': return inGroup(x, scope, true);
    case '$not': return negate(compileValue(x, scope));
    case '$size': {
      const m = compileValue(x, scope);
      return (v) => Array.isArray(v) && m(v.length);
    }
    case '$elemMatch': return elemMatch(x, scope);
    case '$all': return Array.isArray(x) ? all(x.map((e) => compileValue(e, scope))) : FALSE;
    case '$alli': return Array.isArray(x) ? all(x.map((e) => compileValue(e, scope, true))) : FALSE;
    case '$regex': return regex(x, '', false, scope);
    case '$regexi': return regex(x, 'i', false, scope);
    case '$notRegex': return regex(x, '', true, scope);
    case '$notRegexi': return regex(x, 'i', true, scope);
    case '$type': return (v) => typeName(v) === x;
    default: return FALSE; // unknown operator: matches nobody
  }
}

function versionCompare(op: string, e: string): Matcher {
  switch (op) {
    case '$veq': return (v) => paddedVersion(v) === e;
    case '$vne': return (v) => paddedVersion(v) !== e;
    case '$vlt': return (v) => paddedVersion(v) < e;
    case '$vlte': return (v) => paddedVersion(v) <= e;
    case '$vgt': return (v) => paddedVersion(v) > e;
    default: return (v) => paddedVersion(v) >= e;
  }
}

/** Up to this many distinct values, comparing them one by one is faster than a Set lookup. */
const SCAN_MAX = 8;

/** Set membership (SameValueZero) over a short list: `===`, except that NaN finds NaN. */
function scan(items: unknown[], nan: boolean, v: unknown): boolean {
  for (let i = 0; i < items.length; i++) if (items[i] === v) return true;
  return nan && v !== v;
}

/** Membership; an array value matches when any element is in the set (intersection). */
function isIn(set: Set<unknown>): Matcher {
  if (set.size <= SCAN_MAX) {
    const items = [...set];
    const nan = items.some((x) => x !== x);
    return (v) => {
      if (!Array.isArray(v)) return scan(items, nan, v);
      for (let i = 0; i < v.length; i++) if (scan(items, nan, v[i])) return true;
      return false;
    };
  }
  return (v) => {
    if (!Array.isArray(v)) return set.has(v);
    for (let i = 0; i < v.length; i++) if (set.has(v[i])) return true;
    return false;
  };
}

const fold = (v: unknown): unknown => (typeof v === 'string' ? v.toLowerCase() : v);

/** Case-insensitive membership: strings compared lower-cased, other values strictly. */
function isInFolded(list: unknown[]): Matcher {
  // GrowthBook compares folded values with `===`, under which NaN is never a member.
  const set = new Set(list.filter((x) => x === x).map(fold));
  return (v) => {
    if (!Array.isArray(v)) return set.has(fold(v));
    for (let i = 0; i < v.length; i++) if (set.has(fold(v[i]))) return true;
    return false;
  };
}

/** Membership in a saved value list: unknown id = empty list, a malformed entry matches nobody. */
function inGroup(id: unknown, scope: ValueScope, negated: boolean): Matcher {
  const key = String(id);
  const entry = hasOwn.call(scope.savedGroups, key) ? scope.savedGroups[key] : undefined;
  if (entry !== undefined && !Array.isArray(entry)) return FALSE;
  if (!entry || entry.length === 0) return negated ? TRUE : FALSE;
  const m = isIn(new Set(entry));
  return negated ? negate(m) : m;
}

function elemMatch(x: unknown, scope: ValueScope): Matcher {
  // GrowthBook inspects the operand (and throws on null) only once the value is an array.
  const check = x === null || x === undefined ? THROW : isOperatorObject(x) ? compileValue(x, scope) : scope.element(x);
  return (v) => {
    if (!Array.isArray(v)) return false;
    if (check === THROW) return check(v);
    for (let i = 0; i < v.length; i++) {
      const el: unknown = v[i];
      if (el !== null && el !== undefined && check(el)) return true;
    }
    return false;
  };
}

/** Every operand matches at least one element. */
function all(ms: Matcher[]): Matcher {
  return (v) => {
    if (!Array.isArray(v)) return false;
    for (let i = 0; i < ms.length; i++) {
      const m = ms[i]!;
      let found = false;
      for (let j = 0; j < v.length && !found; j++) found = m(v[j]);
      if (!found) return false;
    }
    return true;
  };
}

/**
 * A regex compiled once into the linear-time matcher; an invalid, refused (the
 * validator names why) or non-string pattern matches nobody, negated or not.
 */
function regex(source: unknown, flags: '' | 'i', negated: boolean, scope: ValueScope): Matcher {
  if (typeof source !== 'string') return FALSE;
  const re = scope.regex(source, flags);
  if (!re) return FALSE;
  // `test` stringifies its argument (null → "null"), as in GrowthBook; a throwing toString is a miss.
  return (v) => {
    let text: string;
    try {
      text = typeof v === 'string' ? v : `${v as string}`;
    } catch {
      return false;
    }
    return re.test(text) !== negated;
  };
}

/** GrowthBook's `$type` names. */
function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  return t === 'string' || t === 'number' || t === 'boolean' || t === 'object' || t === 'undefined' ? t : 'unknown';
}
