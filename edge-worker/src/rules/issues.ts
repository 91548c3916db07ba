/**
 * Where a problem is (a JSON path) and a collector that keeps every problem,
 * so validation reports all of them at once instead of stopping at the first.
 */
import type { RulesIssue } from './types.ts';

/** Path segments from the document root: keys and array indexes. */
export type Path = readonly (string | number)[];

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/**
 * Formats a path the way editors and humans read it: `$.slots.hero.rules[1].when["utm.term"]`.
 * Keys that are not plain names (dots, spaces, a leading digit) are bracketed and quoted.
 */
export function formatPath(path: Path): string {
  let out = '$';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += PLAIN_KEY.test(seg) ? `.${seg}` : `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** Collects errors and warnings in the order they are found. */
export class IssueList {
  readonly errors: RulesIssue[] = [];
  readonly warnings: RulesIssue[] = [];

  error(path: Path, message: string): void {
    this.errors.push({ path: formatPath(path), message, severity: 'error' });
  }

  warning(path: Path, message: string): void {
    this.warnings.push({ path: formatPath(path), message, severity: 'warning' });
  }
}

/** Quotes a value for a message, shortened so one bad value cannot flood the output. */
export function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** True for a JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
