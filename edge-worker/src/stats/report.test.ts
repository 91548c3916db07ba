import { beforeAll, describe, expect, it } from 'vitest';
import { loadFixtureRules } from '../../test/fixtures/load-rules.ts';
import type { CompiledRules } from '../engine/types.ts';
import { relativeLift, wilson } from './intervals.ts';
import { buildReport, buildReportInSlices } from './report.ts';
import { reportCsv } from './report-csv.ts';
import { reportHtml } from './report-html.ts';
import { sketchKey } from './sketch.ts';
import type { Report } from './report-types.ts';
import type { ArmRow, StatsSnapshot } from './types.ts';

let rules: CompiledRules;
beforeAll(async () => {
  rules = await loadFixtureRules('rules.stats.json');
});

const NOW = Date.parse('2026-11-26T00:00:00Z');
const DAY = 20_000; // epoch day of 2024-10-04
const armRow = (arm: string, visitors: number, extra: Partial<ArmRow> = {}): ArmRow => {
  const [slot, rule, variant] = arm.split(':') as [string, string, string];
  return { arm, slot, rule, variant, exposures: visitors * 2, visitors, timeouts: 0, ...extra };
};
/** Bins of `n` values all equal to `v`. */
const bins = (v: number, n: number): [number, number][] => [[sketchKey(v), n]];

function snapshot(): StatsSnapshot {
  return {
    arms: [
      armRow('hero:-:holdout', 1000), armRow('hero:winter:w-a', 1000), armRow('hero:winter:w-b', 700),
      armRow('hero:base:b-1', 500), armRow('hero:old-rule:x', 50), armRow('hero:winter:retired', 30),
      armRow('hero:-:no-match', 40), armRow('hero:-:timeout', 0, { timeouts: 7 }),
    ],
    goals: [
      { arm: 'hero:-:holdout', goal: 'purchase', converters: 100, conversions: 110, value: 5000 },
      { arm: 'hero:winter:w-a', goal: 'purchase', converters: 150, conversions: 160, value: 8000 },
      { arm: 'hero:winter:w-b', goal: 'purchase', converters: 0, conversions: 0, value: 0 },
      { arm: 'hero:base:b-1', goal: 'signup', converters: 9, conversions: 9, value: 0 },
      { arm: 'hero:-:holdout', goal: 'signup', converters: 30, conversions: 30, value: 0 },
    ],
    days: [
      { arm: 'hero:-:holdout', day: DAY, visitors: 600 }, { arm: 'hero:-:holdout', day: DAY + 1, visitors: 400 },
      { arm: 'hero:winter:w-a', day: DAY, visitors: 500 }, { arm: 'hero:winter:w-a', day: DAY + 2, visitors: 500 },
    ],
    goalDays: [
      { arm: 'hero:-:holdout', goal: 'purchase', day: DAY, converters: 60 }, { arm: 'hero:-:holdout', goal: 'purchase', day: DAY + 1, converters: 40 },
      { arm: 'hero:winter:w-a', goal: 'purchase', day: DAY + 1, converters: 70 }, { arm: 'hero:winter:w-a', goal: 'purchase', day: DAY + 2, converters: 80 },
    ],
    vitals: [
      { arm: 'hero:-:holdout', metric: 'LCP', bins: [[sketchKey(1800), 300], [sketchKey(2000), 400], [sketchKey(2200), 300]] },
      { arm: 'hero:winter:w-a', metric: 'LCP', bins: [[sketchKey(1800), 300], [sketchKey(2000), 400], [sketchKey(2200), 300]] },
      { arm: 'hero:winter:w-b', metric: 'LCP', bins: bins(3000, 500) },
      { arm: 'hero:base:b-1', metric: 'LCP', bins: bins(3000, 10) },
    ],
    slots: [{ slot: 'hero', visitors: 3300 }],
  };
}

describe('buildReport', () => {
  it('gives each variant its rate, interval and lift over the slot holdout', () => {
    const r = buildReport(snapshot(), rules, 'sim', NOW);
    const winter = r.slots[0]!.rules.find((x) => x.rule === 'winter')!;
    expect(winter.goal).toBe('purchase');
    expect(winter.control.kind).toBe('slot-holdout');
    const a = winter.variants.find((v) => v.variant === 'w-a')!;
    expect(a.goals.purchase).toEqual({ visitors: 1000, converters: 150, conversions: 160, value: 8000, rate: 0.15, ci: wilson(150, 1000) });
    expect(a.lift.purchase).toEqual({ ...relativeLift(150, 1000, 100, 1000)!, verdict: 'better' });
    const b = winter.variants.find((v) => v.variant === 'w-b')!;
    expect(b.lift.purchase).toEqual({ estimate: -1, ci: null, verdict: 'insufficient' });
  });

  it('checks the split against the configured weights, leaving out variants no longer in the rules', () => {
    const winter = buildReport(snapshot(), rules, 'sim', NOW).slots[0]!.rules.find((x) => x.rule === 'winter')!;
    expect(winter.srm).toMatchObject({ labels: ['w-a', 'w-b'], observed: [1000, 700], expected: [850, 850], flagged: true });
    expect(winter.variants.find((v) => v.variant === 'retired')).toMatchObject({ inRules: false, weight: null });
  });

  it('checks the holdout share of the slot', () => {
    const hero = buildReport(snapshot(), rules, 'sim', NOW).slots[0]!;
    // 1000 of 3300 visitors against 30 %: fine.
    expect(hero.holdoutSrm).toMatchObject({ observed: [1000, 2300], flagged: false });
    expect(hero.timeouts).toBe(7);
    expect(hero.other.map((o) => o.outcome)).toEqual(['no-match', 'timeout']);
    expect(hero.rules.map((x) => [x.rule, x.inRules])).toEqual([['winter', true], ['base', true], ['old-rule', false]]);
  });

  it('flags a variant whose web-vitals p75 is clearly worse than the holdout’s', () => {
    const winter = buildReport(snapshot(), rules, 'sim', NOW).slots[0]!.rules.find((x) => x.rule === 'winter')!;
    const [a, b] = winter.variants;
    expect(a!.guardrails).toMatchObject([{ metric: 'LCP', status: 'ok' }]);
    expect(a!.guardrailFlag).toBe(false);
    expect(b!.guardrails[0]).toMatchObject({ metric: 'LCP', status: 'worse' });
    expect(b!.guardrails[0]!.change).toBeCloseTo(3000 / 2200 - 1, 1);
    expect(b!.guardrailFlag).toBe(true);
    // Ten samples say nothing.
    const base = buildReport(snapshot(), rules, 'sim', NOW).slots[0]!.rules.find((x) => x.rule === 'base')!;
    expect(base.variants[0]!.guardrails[0]!.status).toBe('insufficient');
  });

  it('accumulates the lift day by day', () => {
    const t = buildReport(snapshot(), rules, 'sim', NOW).slots[0]!.rules.find((x) => x.rule === 'winter')!.timeline!;
    expect(t.control.map((p) => [p.day, p.visitors, p.converters])).toEqual([['2024-10-04', 600, 60], ['2024-10-05', 1000, 100], ['2024-10-06', 1000, 100]]);
    expect(t.variants['w-a']!.map((p) => [p.visitors, p.converters])).toEqual([[500, 0], [500, 70], [1000, 150]]);
    expect(t.variants['w-a']![0]!.lift!.verdict).toBe('insufficient');
    expect(t.variants['w-a']![2]!.lift!.estimate).toBeCloseTo(0.5, 12);
  });

  it('judges a rule without a goal on the slot’s most converted goal, or on the goal asked for', () => {
    const r = buildReport(snapshot(), rules, 'sim', NOW);
    expect(r.goals).toEqual(['purchase', 'signup']);
    const split = r.slots.find((s) => s.slot === 'promo')!.rules[0]!;
    expect(split.goal).toBeNull();
    const hero = buildReport(snapshot(), rules, 'sim', NOW, { goal: 'signup' }).slots[0]!;
    expect(hero.rules.find((x) => x.rule === 'base')!.goal).toBe('signup');
    expect(hero.rules.find((x) => x.rule === 'base')!.variants[0]!.lift.signup!.estimate).toBeCloseTo(9 / 500 / 0.03 - 1, 12);
    expect(hero.rules.find((x) => x.rule === 'old-rule')!.goal).toBe('signup');
  });

  it('compares with the rule’s own holdout when the edge records it', () => {
    const s = snapshot();
    s.arms.push(armRow('hero:base:-holdout', 220));
    s.goals.push({ arm: 'hero:base:-holdout', goal: 'signup', converters: 2, conversions: 2, value: 0 });
    const base = buildReport(s, rules, 'sim', NOW).slots[0]!.rules.find((x) => x.rule === 'base')!;
    expect(base.control).toMatchObject({ kind: 'rule-holdout', arm: { arm: 'hero:base:-holdout', visitors: 220 } });
    expect(base.variants.map((v) => v.variant)).toEqual(['b-1']);
    expect(base.srm).toMatchObject({ labels: ['holdout', 'rule'], observed: [220, 500] });
  });

  it('reports every slot of the rules before any data arrives', () => {
    const empty: StatsSnapshot = { arms: [], goals: [], days: [], goalDays: [], vitals: [], slots: [] };
    const r = buildReport(empty, rules, 'sim', NOW);
    expect(r.slots.map((s) => [s.slot, s.visitors, s.holdoutSrm])).toEqual([['hero', 0, null], ['promo', 0, null]]);
    expect(r.slots[0]!.rules[0]!.timeline).toBeNull();
    expect(reportHtml(r)).toContain('No conversions yet');
    expect(reportCsv(r).split('\r\n').length).toBeGreaterThan(3);
  });
});

describe('report page and CSV', () => {
  it('renders charts and flags, escaping every name', () => {
    const s = snapshot();
    const goal = '<img src=x onerror=alert(1)>';
    s.goals.push({ arm: 'hero:winter:w-a', goal, converters: 1, conversions: 1, value: 0 });
    const html = reportHtml(buildReport(s, { ...rules, goals: [...rules.goals, goal] }, 'sim', NOW));
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;img');
    expect(html.match(/<svg /g)!.length).toBeGreaterThanOrEqual(3);
    expect(html).toContain('sample-ratio mismatch');
    expect(html).toContain('worse vitals');
    expect(html).toMatch(/<td>no-match<\/td><td>40<\/td>/);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3)/);
  });

  it('writes one CSV row per arm and goal, defusing formulas', () => {
    const s = snapshot();
    const goal = '=HYPERLINK("x")';
    s.goals.push({ arm: 'hero:winter:w-a', goal, converters: 1, conversions: 1, value: 0 });
    const csv = reportCsv(buildReport(s, { ...rules, goals: [...rules.goals, goal] }, 'sim', NOW));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('slot,rule,arm,control,goal,visitors,exposures,converters,conversions,value,rate,rate_lo,rate_hi,lift,lift_lo,lift_hi,verdict,srm_p,srm_flag,lcp_p75,cls_p75,inp_p75,guardrail_flag');
    expect(lines).toContain(lines.find((l) => l.startsWith('hero,winter,w-a,,purchase,1000,2000,150,160,8000,0.15,')));
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines.some((l) => l.startsWith('hero,-,no-match,,purchase,40,80,0,0,0,0,'))).toBe(true);
    expect(lines.every((l) => l.split(',').length >= 23)).toBe(true);
  });
});

describe('report size and keys', () => {
  it('is linear in rows: it reads each arm row a bounded number of times, however many slots and rules there are', () => {
    // Rows whose ids count their reads: a report that scans every arm per slot or per
    // rule reads each row once per slot (200 here); a linear one a few times in all.
    let reads = 0;
    const counted = (row: ArmRow): ArmRow => {
      const out = { ...row };
      for (const k of ['slot', 'rule', 'variant'] as const) {
        const value = row[k];
        Object.defineProperty(out, k, { enumerable: true, get: () => (reads++, value) });
      }
      return out;
    };
    const s: StatsSnapshot = { arms: [], goals: [], days: [], goalDays: [], vitals: [], slots: [] };
    for (let i = 0; i < 200; i++) {
      for (let r = 0; r < 10; r++) {
        s.arms.push(counted(armRow(`s${i}:r${r}:v`, 10)));
        s.goals.push({ arm: `s${i}:r${r}:v`, goal: 'purchase', converters: 1, conversions: 1, value: 1 });
      }
      s.slots.push({ slot: `s${i}`, visitors: 100 });
    }
    const r = buildReport(s, rules, 'sim', NOW);
    expect(r.slots).toHaveLength(202);
    expect(r.slots.at(-1)!.rules.map((x) => x.variants.length)).toEqual(Array(10).fill(1));
    expect(reads / s.arms.length).toBeLessThanOrEqual(8);
  });

  it('keeps a __proto__ goal and variant in the JSON report', () => {
    const s = snapshot();
    s.arms.push(armRow('hero:winter:__proto__', 100));
    s.goals.push({ arm: 'hero:winter:__proto__', goal: '__proto__', converters: 5, conversions: 5, value: 0 });
    s.goals.push({ arm: 'hero:winter:w-a', goal: '__proto__', converters: 50, conversions: 50, value: 0 });
    s.goalDays.push({ arm: 'hero:winter:__proto__', goal: 'purchase', day: DAY, converters: 1 });
    const r = JSON.parse(JSON.stringify(buildReport(s, { ...rules, goals: [...rules.goals, '__proto__'] }, 'sim', NOW))) as Report;
    const winter = r.slots[0]!.rules.find((x) => x.rule === 'winter')!;
    const proto = winter.variants.find((v) => v.variant === '__proto__')!;
    expect(Object.keys(proto.goals)).toContain('__proto__');
    expect(proto.goals['__proto__']).toMatchObject({ converters: 5, visitors: 100 });
    expect(Object.keys(proto.lift)).toContain('__proto__');
    expect(Object.keys(winter.timeline!.variants)).toContain('__proto__');
    expect(r.goals).toContain('__proto__');
  });

  it('counts only goals the rules file declares', () => {
    const s = snapshot();
    s.goals.push({ arm: 'hero:winter:w-a', goal: 'junk', converters: 999, conversions: 999, value: 0 });
    const r = buildReport(s, rules, 'sim', NOW);
    expect(r.goals).not.toContain('junk');
    expect(Object.keys(r.slots[0]!.rules[0]!.variants[0]!.goals)).not.toContain('junk');
  });
});

describe('buildReportInSlices', () => {
  it('hands the event loop back between slots once a slice is used up, and builds the same report', async () => {
    const s = snapshot();
    for (let i = 0; i < 50; i++) s.arms.push(armRow(`s${i}:r:v`, 10));
    let pauses = 0;
    const sliced = await buildReportInSlices(s, rules, 'sim', NOW, {}, 0, async () => void pauses++);
    expect(pauses).toBe(52);
    expect(sliced).toEqual(buildReport(s, rules, 'sim', NOW));
  });
});
