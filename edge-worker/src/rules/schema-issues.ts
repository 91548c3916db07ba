/**
 * Runs the valibot schema and turns its issues into RulesIssues with a JSON path
 * and a sentence that says what to fix.
 */
import * as v from 'valibot';
import type { RulesFile } from './types.ts';
import { IssueList, quote } from './issues.ts';
import { rulesFileSchema } from './schema.ts';
import { checkUnknownKeys } from './unknown-keys.ts';

type Issue = v.InferIssue<typeof rulesFileSchema>;

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list ([…])',
  strict_object: 'an object ({…})',
  record: 'an object ({…})',
};

/** Describes a JSON value for a message: `the string "50"`, `a list`, `null`. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${quote(value)}`;
  return `${typeof value} ${quote(value)}`;
}

function message(issue: Issue): string {
  const last = issue.path?.[issue.path.length - 1];
  if (issue.kind === 'validation') {
    return last?.origin === 'key' ? `the key ${quote(last.key)} ${issue.message}` : issue.message;
  }
  if (issue.type === 'strict_object' && issue.input === undefined && last?.origin === 'key') return 'is required but missing';
  const expected = EXPECTED[issue.type];
  return expected === undefined ? `${issue.message}, not ${describe(issue.input)}` : `must be ${expected}, not ${describe(issue.input)}`;
}

/**
 * A union (an audience: condition or list) reports one vague issue when no option
 * fits; for a list, the item issues beneath it say what is actually wrong.
 */
function expand(issue: Issue): { issue: Issue; prefix: (string | number)[] }[] {
  const path = (issue.path ?? []).map((item) => item.key as string | number);
  const items = issue.type === 'union' && Array.isArray(issue.input) ? (issue.issues ?? []).filter((i) => i.path?.length) : [];
  if (items.length === 0) return [{ issue, prefix: path }];
  return items.map((i) => ({ issue: i as Issue, prefix: [...path, ...(i.path ?? []).map((item) => item.key as string | number)] }));
}

/** An unknown key; reported by `checkUnknownKeys` with a suggestion instead. */
function isUnknownKey(issue: Issue): boolean {
  return issue.type === 'strict_object' && issue.expected === 'never';
}

/**
 * Checks `input` against the schema, reporting every issue. Returns the typed
 * rules when the shape is right (semantic checks may still refuse them).
 */
export function checkSchema(input: unknown, issues: IssueList): RulesFile | undefined {
  const suggested = new Set(checkUnknownKeys(rulesFileSchema, input, issues));
  const result = v.safeParse(rulesFileSchema, input, { abortEarly: false });
  if (result.success) return result.output;
  for (const { issue, prefix: path } of result.issues.flatMap(expand)) {
    if (isUnknownKey(issue)) continue;
    // "variants is required" adds nothing when "varients" was already reported with that suggestion.
    if (suggested.has(JSON.stringify(path))) continue;
    issues.error(path, message(issue));
  }
  return undefined;
}
