/**
 * Which context fields a condition reads, found statically. The engine uses it
 * to tell whether a rule reads stored behaviour (and so needs consent), and
 * decisions report it as the rule's signals.
 */
import type { Condition } from '../language/condition.ts';
import { AUDIENCE_OPERATOR, GROUPS_FIELD } from '../language/operators.ts';

type Audiences = Record<string, Condition | unknown[]>;

const hasOwn = Object.prototype.hasOwnProperty;
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * The sorted, unique dot paths a condition reads. Operators are not fields;
 * `$audience` and (when `audiences` is given) `$groups` are replaced by the
 * fields of the condition audiences they refer to, each expanded once, so
 * cycles end. Paths inside `$elemMatch` are relative to an element and are
 * covered by the array's own path.
 * @example conditionFields({ $or: [{ 'utm.source': 'news' }, { 'interests.ski': { $gte: 2 } }] })
 * // ['interests.ski', 'utm.source']
 */
export function conditionFields(cond: Condition, audiences?: Audiences): string[] {
  const out = new Set<string>();
  const expanded = new Set<string>();

  const expand = (name: string): void => {
    if (!audiences || expanded.has(name) || !hasOwn.call(audiences, name)) return;
    expanded.add(name);
    const def = audiences[name];
    if (isObject(def)) walk(def); // a value list (for $inGroup) reads nothing
  };

  const walk = (node: unknown): void => {
    if (!isObject(node)) return;
    for (const [key, x] of Object.entries(node)) {
      if (key === '$and' || key === '$or' || key === '$nor') {
        if (Array.isArray(x)) x.forEach(walk);
      } else if (key === '$not') walk(x);
      else if (key === AUDIENCE_OPERATOR) {
        for (const name of typeof x === 'string' ? [x] : Array.isArray(x) ? x : []) {
          if (typeof name === 'string') expand(name);
        }
      } else if (key === GROUPS_FIELD && audiences) {
        for (const name of referencedGroups(x) ?? Object.keys(audiences)) expand(name);
      } else out.add(key);
    }
  };

  walk(cond);
  return [...out].sort();
}

/**
 * The audience names a `$groups` test can depend on, when it only asks about
 * named members (`$elemMatch` with `$eq`/`$in`, `$in`, `$nin`, `$all`, `$not`);
 * `null` when it may depend on every audience (`$size`, `$regex`, equality …).
 */
function referencedGroups(x: unknown): string[] | null {
  if (!isObject(x)) return null;
  const names: string[] = [];
  for (const [op, operand] of Object.entries(x)) {
    let found: string[] | null = null;
    if (op === '$in' || op === '$nin' || op === '$all') found = stringList(operand);
    else if (op === '$not') found = referencedGroups(operand);
    else if (op === '$elemMatch' && isObject(operand)) {
      const keys = Object.keys(operand);
      if (keys.length === 1 && keys[0] === '$eq' && typeof operand.$eq === 'string') found = [operand.$eq];
      else if (keys.length === 1 && keys[0] === '$in') found = stringList(operand.$in);
    }
    if (!found) return null;
    names.push(...found);
  }
  return names;
}

function stringList(x: unknown): string[] | null {
  return Array.isArray(x) && x.every((s) => typeof s === 'string') ? (x as string[]) : null;
}
