/**
 * Validates a rules file: structure, then schema, then meaning. Every problem is
 * reported at once, each with its JSON path and what to fix; warnings (HTML the
 * sanitiser changed) do not refuse the file.
 */
import type { RulesIssue, ValidationResult } from './types.ts';
import { IssueList } from './issues.ts';
import { checkSchema } from './schema-issues.ts';
import { checkSemantics } from './semantics.ts';
import { checkStructure } from './structure.ts';

/**
 * Validates parsed JSON as a rules file.
 * @example
 * const r = validateRules(JSON.parse(text));
 * if (!r.ok) console.error(formatIssues(r.errors));
 */
export function validateRules(input: unknown): ValidationResult {
  const issues = new IssueList();
  // Too deep to walk safely: nothing else can be checked.
  if (!checkStructure(input, issues)) return { ok: false, errors: issues.errors, warnings: [] };
  const rules = checkSchema(input, issues);
  checkSemantics(input, issues);
  if (!rules || issues.errors.length > 0) return { ok: false, errors: issues.errors, warnings: issues.warnings };
  return { ok: true, rules, warnings: issues.warnings };
}

/**
 * One line per issue, for people: `error $.slots.hero.rules[0].id: duplicate rule id "a" …`.
 * @example formatIssues([...result.errors, ...result.warnings])
 */
export function formatIssues(issues: readonly RulesIssue[]): string {
  return issues.map((i) => `${i.severity} ${i.path}: ${i.message}`).join('\n');
}
