import { describe, expect, it } from 'vitest';
import { LiveRules } from '../live-rules.ts';
import { buildReport } from './report.ts';
import { reportCsv } from './report-csv.ts';
import type { StatsSnapshot } from './types.ts';

const NOW = Date.parse('2026-11-26T00:00:00Z');
const EMPTY: StatsSnapshot = { arms: [], goals: [], days: [], goalDays: [], vitals: [], slots: [] };

/** RFC 4180 rows, with `sep` as the separator (`;` is what a spreadsheet in many locales splits at). */
export function parseCsv(text: string, sep = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === sep) row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  if (cell !== '' || row.length) row.push(cell), rows.push(row);
  return rows;
}

/** A cell a spreadsheet would run as a formula (numbers, the report's own, are numbers). */
const formula = (cell: string): boolean => /^[=+\-@\t\r]/.test(cell) && cell !== '-' && !/^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(cell);

// Goal names are free text in a rules file (and in events today): every OWASP CSV-injection start.
const GOALS = ['=1+1', '+1+1', '-1+1', '@SUM(1+1)', '\t=1+1', '\r=1+1', '=', '@', '=HYPERLINK("http://evil.example","x")', 'a,=1+1', 'a;=1+1', 'a;+1', 'a\t=1', 'a\n-1+1', "=cmd|'/C calc'!A0"];

describe('report CSV: no cell can start a formula', () => {
  it.each(GOALS)('goal %j is written as text, in , and ; spreadsheets alike', async (goal) => {
    const live = new LiveRules();
    const r = await live.load(JSON.stringify({ site: 'csv', origins: [], slots: { hero: { rules: [{ id: 'r', variants: [{ id: 'v', text: 'x' }], goal }] } } }));
    expect(r.errors).toEqual([]);
    const csv = reportCsv(buildReport(EMPTY, live.current(), 'csv', NOW));
    const rows = parseCsv(csv);
    expect(rows.every((row) => row.length === rows[0]!.length), 'every row keeps its columns').toBe(true);
    const cell = rows.find((row) => row[2] === 'v')![4]!;
    // The goal survives, defused: a leading quote before each place a formula could start.
    expect(cell.replace(/'(?=[=+\-@\t\r])/g, '')).toBe(goal);
    for (const sep of [',', ';', '\t']) {
      const bad = parseCsv(csv, sep).flat().filter(formula);
      expect(bad, `cells that start a formula when split at ${JSON.stringify(sep)}`).toEqual([]);
    }
  });

  it('keeps the report\'s own "-" and negative numbers as they are', async () => {
    const snap: StatsSnapshot = {
      ...EMPTY,
      arms: [{ arm: 'hero:-:no-match', slot: 'hero', rule: '-', variant: 'no-match', exposures: 3, visitors: 2, timeouts: 0 }],
    };
    const live = new LiveRules();
    await live.load(JSON.stringify({ site: 'csv', origins: [], slots: { hero: { rules: [{ id: 'r', variants: [{ id: 'v', text: 'x' }] }] } } }));
    const rows = parseCsv(reportCsv(buildReport(snap, live.current(), 'csv', NOW)));
    expect(rows.find((row) => row[2] === 'no-match')?.slice(0, 3)).toEqual(['hero', '-', 'no-match']);
  });
});
