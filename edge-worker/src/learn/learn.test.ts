import { describe, expect, it } from 'vitest';
import { LiveRules } from '../live-rules.ts';
import type { ContextDocument } from '../protocol/index.ts';
import type { StatsSnapshot, StatsStore } from '../stats/types.ts';
import { seededRng } from './beta.ts';
import { learnWeights, priorStrengths } from './learn-weights.ts';
import { WeightsRefresher } from './refresher.ts';
import { segmentKey } from './segment.ts';
import { banditPick, EMPTY_WEIGHTS } from './snapshot.ts';
import { buildReport } from '../stats/report.ts';
import { reportHtml } from '../stats/report-html.ts';

const FILE = {
  site: 's',
  slots: { hero: { rules: [{ id: 'r', learn: 'bandit', goal: 'buy', variants: [{ id: 'a', text: 'a' }, { id: 'b', text: 'b' }] }] } },
};

async function compiled() {
  const live = new LiveRules();
  const r = await live.load(JSON.stringify(FILE));
  if (!r.ok) throw new Error('rules refused');
  return live;
}

/** Mobile visitors convert on a, desktop ones on b. */
function stats(): StatsSnapshot {
  const segmentDays = [
    { arm: 'hero:r:a', segment: 'mobile|evening|search', day: 1, visitors: 400 },
    { arm: 'hero:r:b', segment: 'mobile|evening|search', day: 1, visitors: 400 },
    { arm: 'hero:r:a', segment: 'desktop|evening|search', day: 1, visitors: 400 },
    { arm: 'hero:r:b', segment: 'desktop|evening|search', day: 1, visitors: 400 },
  ];
  const segmentGoalDays = [
    { arm: 'hero:r:a', goal: 'buy', segment: 'mobile|evening|search', day: 1, converters: 48 },
    { arm: 'hero:r:b', goal: 'buy', segment: 'mobile|evening|search', day: 1, converters: 16 },
    { arm: 'hero:r:a', goal: 'buy', segment: 'desktop|evening|search', day: 1, converters: 16 },
    { arm: 'hero:r:b', goal: 'buy', segment: 'desktop|evening|search', day: 1, converters: 48 },
    // Another goal is not what the rule learns from.
    { arm: 'hero:r:a', goal: 'signup', segment: 'desktop|evening|search', day: 1, converters: 400 },
  ];
  return { arms: [], goals: [], days: [], goalDays: [], vitals: [], slots: [], segmentDays, segmentGoalDays };
}

const context = (type: string): ContextDocument => ({ device: { type }, time: { daypart: 'evening' }, referrer: { type: 'search' } }) as unknown as ContextDocument;

describe('the learner', () => {
  it('learns each segment\'s better variant (the direction, on a fixed seed)', async () => {
    const live = await compiled();
    const learned = learnWeights(live.current()!, stats(), { rng: seededRng(11) });
    const rule = learned.get('hero/r')!;
    expect(rule.segments.get('mobile|evening|search')![0]).toBeGreaterThan(0.9);
    expect(rule.segments.get('desktop|evening|search')![1]).toBeGreaterThan(0.9);
    // Pooled, the two are alike.
    expect(rule.pooled![0]).toBeGreaterThan(0.2);
    expect(rule.pooled![0]).toBeLessThan(0.8);
  });

  it('trusts the pool where segments do not differ, and the segment where they do', () => {
    const same = new Map([['x', [{ exposed: 500, conversions: 50 }]], ['y', [{ exposed: 500, conversions: 50 }]]]);
    const apart = new Map([['x', [{ exposed: 500, conversions: 20 }]], ['y', [{ exposed: 500, conversions: 80 }]]]);
    expect(priorStrengths(same, [{ exposed: 1000, conversions: 100 }])[0]).toBe(100_000);
    expect(priorStrengths(apart, [{ exposed: 1000, conversions: 100 }])[0]).toBeLessThan(50);
  });

  it('picks a rule\'s segment weights, else equal, and names the segment', async () => {
    const live = await compiled();
    const rule = live.current()!.slots.get('hero')![0]!;
    expect(segmentKey(rule.segment!, context('tablet'))).toBe('tablet|evening|search');
    expect(banditPick(EMPTY_WEIGHTS, rule, context('tablet'))).toEqual({ segment: 'tablet|evening|search', weights: [0.5, 0.5], source: 'equal' });
    expect(segmentKey([], context('tablet'))).toBe('*');
  });
});

describe('WeightsRefresher', () => {
  it('refreshes at most every period, off the read path, and keeps equal weights when the store fails', async () => {
    const live = await compiled();
    let now = 1_000_000;
    let calls = 0;
    let fail = true;
    const errors: unknown[] = [];
    const store = {
      snapshot: async () => {
        calls++;
        if (fail) throw new Error('store down');
        return stats();
      },
    } as unknown as StatsStore;
    const r = new WeightsRefresher({ rules: live, stats: store, now: () => now, everyMs: 30_000, onError: (e) => errors.push(e), learn: { rng: seededRng(2) } });
    r.current();
    expect(calls).toBe(0);
    await r.poke();
    expect(calls).toBe(1);
    expect(errors).toHaveLength(1);
    expect(r.current()).toBe(EMPTY_WEIGHTS);
    now += 10_000;
    expect(r.poke()).toBeUndefined();
    fail = false;
    now += 30_000;
    await r.poke();
    expect(calls).toBe(2);
    expect(r.current().rules.get('hero/r')?.segments.size).toBe(2);
  });
});

describe('the bandit in the report', () => {
  it('shows per segment each variant\'s posterior with its interval, its weight, and weights over time', async () => {
    const live = await compiled();
    const report = buildReport(stats(), live.current(), 's', Date.parse('2026-11-23T12:00:00Z'));
    const b = report.slots.find((x) => x.slot === 'hero')!.rules[0]!.bandit!;
    const mobile = b.segments.find((x) => x.segment === 'mobile|evening|search')!;
    expect(mobile.arms[0]).toMatchObject({ variant: 'a', exposed: 400, converters: 48 });
    expect(mobile.arms[0]!.mean).toBeCloseTo(49 / 402, 5);
    expect(mobile.arms[0]!.low).toBeLessThan(mobile.arms[0]!.mean);
    expect(mobile.arms[0]!.weight).toBeGreaterThan(0.8);
    expect(mobile.weightsByDay).toHaveLength(1);
    const html = reportHtml(report);
    expect(html).toContain('segment mobile|evening|search: weights over time');
    expect(html).toContain('posterior mean');
  });
});

describe('a bandit rule\'s segment fields', () => {
  const withSegment = (segment: unknown) => ({ ...FILE, slots: { hero: { rules: [{ ...FILE.slots.hero.rules[0], segment }] } } });

  it('accepts known single-value fields and compiles them', async () => {
    const live = new LiveRules();
    const r = await live.load(JSON.stringify(withSegment(['device.type', 'geo.country'])));
    expect(r.ok).toBe(true);
    expect(live.current()!.slots.get('hero')![0]!.segment).toEqual(['device.type', 'geo.country']);
  });

  it('refuses unknown fields, maps and lists, naming the nearest field', async () => {
    const r = await new LiveRules().load(JSON.stringify(withSegment(['device.typ', 'interests', 'views'])));
    expect(r.ok).toBe(false);
    const messages = r.errors.map((e) => `${e.path}: ${e.message}`).join('\n');
    expect(messages).toContain('unknown context field "device.typ"; did you mean "device.type"?');
    expect(messages).toContain('"interests" holds a map');
    expect(messages).toContain('"views" holds a list');
  });
});
