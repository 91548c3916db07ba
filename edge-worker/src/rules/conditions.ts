/**
 * Semantic checks of a `when` condition (or a condition audience): operators
 * exist and sit where they work, fields exist, regexes are safe, audiences are
 * defined, compared values are possible, nesting is bounded.
 */
import { GROUPS_FIELD, isKnownOperator, LOGICAL_OPERATORS, REGEX_OPERATORS, VALUE_OPERATORS } from '../language/operators.ts';
import { checkAudienceRef, type AudienceIndex } from './audiences.ts';
import { fieldKind, impossibleValue, isKnownField, nearestField, VIEW_FIELDS } from './fields.ts';
import { IssueList, isPlainObject, quote, type Path } from './issues.ts';
import { didYouMean } from './nearest.ts';
import { checkRegex } from './regex-safety.ts';
import { FORBIDDEN_KEYS } from '../language/forbidden-keys.ts';

/** Deepest nesting of conditions and operators. @default 12 */
export const MAX_CONDITION_DEPTH = 12;
/** `{"$audience": "name"}`: the context matches the named condition audience. */
export const AUDIENCE_KEY = '$audience';

/** What the checks need besides the condition: where to report, the audiences, and where to note references. */
export interface ConditionCheck {
  issues: IssueList;
  audiences: AudienceIndex;
  /** Condition audiences referenced (for the cycle check). */
  refs: Set<string>;
}

/** Whose fields a condition names: the context document, one entry of `views`, or unchecked. */
type Scope = 'context' | 'view' | 'any';
/** What a value condition compares: a context field, audience names, and what `$elemMatch` sees. */
interface Target {
  field?: string;
  /** The operator compares without converting types (`$eq`, `$in`). */
  strict?: '$eq' | '$in';
  /** The value is a list (`views`, a view's `tags`): named for messages. */
  list?: string;
  names?: boolean;
  items?: Scope | 'audience';
}

const CONDITION_KEYS = [...LOGICAL_OPERATORS, AUDIENCE_KEY, GROUPS_FIELD];
const LIST_OPERATORS = new Set(['$in', '$nin', '$all', '$ini', '$nini', '$alli']);
const TYPES = new Set(['string', 'number', 'boolean', 'array', 'object', 'null', 'undefined']);
const TOO_DEEP = `is nested more than ${MAX_CONDITION_DEPTH} levels deep; flatten it or move parts into audiences`;
const FIELD_HELP = 'page.*, referrer.*, utm.*, device.*, time.*, geo.*, session.*, visitor.*, views, interests.<tag>, conversions.<goal>, consent.*, $groups';

/** Checks a condition; `at` is its path in the rules file. */
export function checkCondition(cond: unknown, at: Path, check: ConditionCheck, scope: Scope = 'context', depth = 0): void {
  if (depth > MAX_CONDITION_DEPTH) return void check.issues.error(at, TOO_DEEP);
  if (!isPlainObject(cond)) return void check.issues.error(at, 'must be a condition object, like {"device.type": "mobile"}');
  for (const [key, value] of Object.entries(cond)) {
    if (FORBIDDEN_KEYS.has(key)) continue; // reported by checkStructure
    const path = [...at, key];
    if (key === '$and' || key === '$or' || key === '$nor') {
      if (!Array.isArray(value)) check.issues.error(path, `${key} takes a list of conditions`);
      else value.forEach((c, i) => checkCondition(c, [...path, i], check, scope, depth + 1));
    } else if (key === '$not') checkCondition(value, path, check, scope, depth + 1);
    else if (key === AUDIENCE_KEY) checkAudienceRef(value, 'condition', path, check.audiences, check.issues, check.refs);
    else if (key === GROUPS_FIELD && scope === 'context') checkValue(value, path, check, { items: 'audience' }, depth + 1);
    else if (key.startsWith('$')) {
      check.issues.error(path, isKnownOperator(key)
        ? `${key} compares a field's value: put it under a field, like {"utm.term": {"${key}": …}}`
        : `unknown operator "${key}"${didYouMean(key, CONDITION_KEYS)}`);
    } else {
      checkField(key, path, scope, check.issues);
      checkValue(value, path, check, target(key, scope), depth + 1);
    }
  }
}

function checkField(field: string, at: Path, scope: Scope, issues: IssueList): void {
  if (scope === 'context' && !isKnownField(field)) {
    const hint = nearestField(field);
    issues.error(at, `unknown context field "${field}"${hint ? `; did you mean "${hint}"?` : `; fields are ${FIELD_HELP}`}`);
  } else if (scope === 'view' && !isKnownField(`views.0.${field}`)) {
    issues.error(at, `unknown field "${field}" of a view${didYouMean(field, Object.keys(VIEW_FIELDS))}; a view has id, tags and at`);
  }
}

function target(field: string, scope: Scope): Target {
  if (scope === 'view') return field === 'tags' ? { list: field } : { field: `views.0.${field}` };
  if (scope === 'any') return {};
  if (field === 'views') return { items: 'view', list: field };
  return fieldKind(field) === 'list' ? { list: field } : { field };
}

function checkValue(value: unknown, at: Path, check: ConditionCheck, t: Target, depth: number): void {
  if (depth > MAX_CONDITION_DEPTH) return void check.issues.error(at, TOO_DEEP);
  if (!isPlainObject(value)) return checkLiteral(value, at, check, t);
  const keys = Object.keys(value);
  const plain = keys.filter((k) => !k.startsWith('$'));
  if (plain.length === 0) {
    for (const op of keys) checkOperator(op, value[op], [...at, op], check, t, depth);
  } else if (plain.length < keys.length) {
    check.issues.error(at, `mixes operators with plain keys (${plain.join(', ')}), so it would be compared as a literal object; use only operators`);
  }
}

function checkLiteral(value: unknown, at: Path, check: ConditionCheck, t: Target): void {
  if (t.items === 'audience') {
    check.issues.error(
      at,
      `${GROUPS_FIELD} is the list of audiences the visitor is in: write {"${GROUPS_FIELD}": {"$elemMatch": {"$eq": "name"}}} or {"${AUDIENCE_KEY}": "name"}`,
    );
  } else if (t.names) checkAudienceRef(value, 'condition', at, check.audiences, check.issues, check.refs);
  else if (t.list && (value === null || typeof value !== 'object')) {
    const item = JSON.stringify(value);
    const fix = `to test for one item, write {"$elemMatch": {"$eq": ${item}}} or {"$in": [${item}]}`;
    if (t.strict) check.issues.error(at, `${t.list} is a list, so ${t.strict} with ${item} never matches; ${fix}`);
    else check.issues.warning(at, `${t.list} is a list: a plain value matches only a list that equals it exactly; ${fix}`);
  } else if (t.field) {
    const why = impossibleValue(t.field, value, t.strict);
    if (why) check.issues.error(at, why);
  }
}

function checkOperator(op: string, operand: unknown, at: Path, check: ConditionCheck, t: Target, depth: number): void {
  const { issues } = check;
  if (op === '$and' || op === '$or' || op === '$nor') {
    return void issues.error(at, `${op} combines conditions: use it at the condition level, like {"${op}": [{…}, {…}]}`);
  }
  if (!isKnownOperator(op)) return void issues.error(at, `unknown operator "${op}"${didYouMean(op, VALUE_OPERATORS)}`);
  if ((REGEX_OPERATORS as readonly string[]).includes(op)) {
    if (typeof operand !== 'string') return void issues.error(at, `${op} takes a regular expression as a string`);
    const problem = checkRegex(operand, op.endsWith('i') ? 'i' : '');
    if (problem) issues.error(at, `the regular expression ${quote(operand)} ${problem}`);
  } else if (LIST_OPERATORS.has(op)) {
    if (!Array.isArray(operand)) return void issues.error(at, `${op} takes a list of values, like ["a", "b"]`);
    const item: Target = t.items === 'audience' ? { names: true } : op === '$in' && t.field ? { field: t.field, strict: '$in' } : {};
    operand.forEach((v, i) => checkLiteral(v, [...at, i], check, item));
  } else if (op === '$eq') checkLiteral(operand, at, check, { ...t, strict: '$eq' });
  else if (op === '$ne') checkLiteral(operand, at, check, t.items === 'audience' || t.names ? t : {});
  else if (op === '$not') checkValue(operand, at, check, t, depth + 1);
  else if (op === '$elemMatch') checkElemMatch(operand, at, check, t, depth + 1);
  else if (op === '$size') {
    if (isPlainObject(operand)) checkValue(operand, at, check, {}, depth + 1);
    else if (typeof operand !== 'number') issues.error(at, '$size takes a number or a condition on the length, like {"$gte": 2}');
  } else if (op === '$type') {
    if (typeof operand !== 'string' || !TYPES.has(operand)) issues.error(at, `$type takes one of ${[...TYPES].join(', ')}`);
  } else if (op === '$inGroup' || op === '$notInGroup') {
    checkAudienceRef(operand, 'list', at, check.audiences, issues, check.refs);
  }
}

/** GrowthBook: an object of operators tests each item's value; anything else is a condition on each item. */
function checkElemMatch(operand: unknown, at: Path, check: ConditionCheck, t: Target, depth: number): void {
  const operators = isPlainObject(operand) && Object.keys(operand).length > 0 && Object.keys(operand).every((k) => k.startsWith('$'));
  if (operators) checkValue(operand, at, check, t.items === 'audience' ? { names: true } : {}, depth);
  else checkCondition(operand, at, check, t.items === 'view' ? 'view' : 'any', depth);
}
