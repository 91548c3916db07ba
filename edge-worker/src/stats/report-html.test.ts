import { beforeAll, describe, expect, it } from 'vitest';
import { loadFixtureRules } from '../../test/fixtures/load-rules.ts';
import type { CompiledRules } from '../engine/types.ts';
import { buildReport } from './report.ts';
import { reportHtml } from './report-html.ts';
import { liftChart, rateChart } from './charts.ts';
import { weightChart } from './weight-chart.ts';
import { sketchKey } from './sketch.ts';
import type { ArmRow, StatsSnapshot } from './types.ts';

let rules: CompiledRules;
beforeAll(async () => {
  rules = await loadFixtureRules('rules.stats.json');
});

const NOW = Date.parse('2026-11-26T00:00:00Z');
const DAY = 20_000;
const empty = (): StatsSnapshot => ({ arms: [], goals: [], days: [], goalDays: [], vitals: [], slots: [] });
const armRow = (arm: string, visitors: number): ArmRow => {
  const [slot, rule, variant] = arm.split(':') as [string, string, string];
  return { arm, slot, rule, variant, exposures: visitors, visitors, timeouts: 0 };
};
/** The `<tr>` of the table whose first cell names `label`. */
const row = (html: string, label: string): string => html.match(new RegExp(`<tr><td><span class="swatch"[^>]*></span>${label}</td>[\\s\\S]*?</tr>`))![0];

describe('report page without data', () => {
  it('draws no empty axes: every chart of a rule with a goal but no visitors says "no data yet"', () => {
    const html = reportHtml(buildReport(empty(), rules, 'sim', NOW));
    expect(html).not.toContain('<svg');
    // hero/winter and hero/base are judged on "purchase": a rate chart and a lift chart each.
    expect(html.match(/no data yet<\/div>/g)).toHaveLength(4);
    expect(html).toContain('hero / winter: conversion rate (purchase) with 95 % intervals</b><br>no data yet');
  });

  it('draws the rates of visitors without conversions, and says the lift has no points yet', () => {
    const s = empty();
    s.arms.push(armRow('hero:-:holdout', 40), armRow('hero:winter:w-a', 50), armRow('hero:winter:w-b', 60));
    s.days.push({ arm: 'hero:-:holdout', day: DAY, visitors: 40 }, { arm: 'hero:winter:w-a', day: DAY, visitors: 50 });
    const winter = reportHtml(buildReport(s, rules, 'sim', NOW)).split('<h3>rule winter')[1]!.split('<h3>')[0]!;
    expect(winter.match(/<svg /g)).toHaveLength(1);
    expect(winter).toContain('cumulative lift over the holdout (purchase)</b><br>no data yet');
  });
});

describe('report page vitals', () => {
  it('shows no vitals for an arm without visitors, and compares no variant with them', () => {
    const s = empty();
    s.arms.push(armRow('hero:-:holdout', 0), armRow('hero:winter:w-a', 300), armRow('hero:winter:w-b', 0));
    s.goals.push({ arm: 'hero:winter:w-a', goal: 'purchase', converters: 30, conversions: 30, value: 0 });
    // Samples reached the holdout and w-b, but no visitor of theirs was counted.
    s.vitals.push(
      { arm: 'hero:-:holdout', metric: 'LCP', bins: [[sketchKey(1000), 400]] },
      { arm: 'hero:winter:w-a', metric: 'LCP', bins: [[sketchKey(3000), 400]] },
      { arm: 'hero:winter:w-b', metric: 'LCP', bins: [[sketchKey(5000), 400]] },
    );
    const r = buildReport(s, rules, 'sim', NOW);
    const winter = r.slots[0]!.rules.find((x) => x.rule === 'winter')!;
    expect(r.slots[0]!.holdout.vitals).toEqual({});
    expect(winter.variants.find((v) => v.variant === 'w-b')!.vitals).toEqual({});
    expect(winter.variants.find((v) => v.variant === 'w-a')!.guardrails).toMatchObject([{ metric: 'LCP', status: 'insufficient' }]);
    const html = reportHtml(r).split('<h3>rule winter')[1]!.split('<h3>')[0]!;
    expect(html).not.toContain('worse vitals');
    expect(row(html, 'holdout')).not.toMatch(/\d ms/);
    expect(row(html, 'w-b')).not.toMatch(/\d ms/);
    // The arm with visitors keeps its own figure.
    expect(row(html, 'w-a')).toMatch(/3\d\d\d ms/);
  });
});

describe('charts', () => {
  it('each say "no data yet" instead of drawing axes without points', () => {
    const none = [rateChart([{ label: 'a', rate: null, ci: null, colour: '#000' }], 'rates'),
      liftChart(['2026-01-01'], [{ label: 'a', colour: '#000', points: [null] }], 'lift'),
      weightChart([], [{ label: 'a', colour: '#000', values: [] }], 'weights')];
    for (const c of none) expect(c).toMatch(/^<div class="chart nodata"[^>]*>.*no data yet<\/div>$/);
    expect(rateChart([{ label: 'a', rate: 0, ci: { lo: 0, hi: 0.1 }, colour: '#000' }], 'rates')).toMatch(/^<svg /);
    expect(weightChart(['2026-01-01'], [{ label: 'a', colour: '#000', values: [0.5] }], 'weights')).toMatch(/^<svg /);
  });
});
