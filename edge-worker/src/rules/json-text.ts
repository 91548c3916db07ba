/**
 * JSON.parse with an issue a site owner can act on: where (line and column,
 * when the runtime tells the position) and what, without the runtime's jargon.
 */
import type { RulesIssue } from './types.ts';

/** The parsed value, or the syntax error as a rules issue at `$`. */
export type ParsedJson = { ok: true; value: unknown } | { ok: false; issue: RulesIssue };

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Where V8 says the error is: `at position N`, `(line L column C)`, or the end for truncated input. */
function locate(text: string, message: string): string {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return ` at line ${lc[1]}, column ${lc[2]}`;
  const pos = /position (\d+)/.exec(message);
  const offset = pos ? Number(pos[1]) : /end of JSON input/.test(message) ? text.length : -1;
  if (offset < 0) return '';
  const { line, column } = lineColumn(text, offset);
  return ` at line ${line}, column ${column}`;
}

/** Parses a rules file's text. A leading byte-order mark (some Windows editors write one) is ignored. */
export function parseJsonText(text: string): ParsedJson {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    const raw = (e as Error).message;
    const what = raw
      .replace(/,? ".*" is not valid JSON$/s, '')
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/ \(line \d+ column \d+\)/, '');
    return { ok: false, issue: { path: '$', message: `invalid JSON${locate(body, raw)}: ${what}`, severity: 'error' } };
  }
}
