import { describe, expect, it } from 'vitest';
import { LiveRules } from '../live-rules.ts';
import { buildReport } from './report.ts';
import { reportCsv } from './report-csv.ts';
import type { StatsSnapshot } from './types.ts';
import { parseCsv, startsFormula, undefused } from '../../test/csv.ts';

const NOW = Date.parse('2026-11-26T00:00:00Z');
const EMPTY: StatsSnapshot = { arms: [], goals: [], days: [], goalDays: [], vitals: [], slots: [] };


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
    expect(undefused(cell)).toBe(goal);
    for (const sep of [',', ';', '\t']) {
      const bad = parseCsv(csv, sep).flat().filter(startsFormula);
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
