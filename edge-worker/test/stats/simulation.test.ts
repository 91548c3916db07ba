import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNodeServer, type NodeServer } from '../../src/adapters/node/server.ts';
import type { Report, RuleReport, VariantReport } from '../../src/stats/report-types.ts';
import { postEvents, simulate, TRUE_RATE, type Truth } from './simulate.ts';

// A population with known true conversion rates through the real HTTP API of the
// Node edge (decide → events → report), end to end; then a re-send and a restart.
const rules = JSON.parse(readFileSync(new URL('../fixtures/rules.stats.json', import.meta.url), 'utf8'));
const DAY = 86_400_000;
const END = Date.parse('2026-11-26T00:00:00Z');
const VISITORS = 2500;
let dir: string;
let server: NodeServer;
let truth: Truth;
let report: Report;

// One address sends every visitor's events here: its rate limit is lifted.
const start = (): Promise<NodeServer> => startNodeServer({ rules, dataDir: dir, now: () => END, clientRateLimit: { burst: 1e9, perSecond: 1e9 }, log: { log() {}, error() {} } });
const getReport = async (): Promise<Report> => (await (await fetch(`${server.url}/v1/report`)).json()) as Report;
const rule = (slot: string, id: string): RuleReport => report.slots.find((s) => s.slot === slot)!.rules.find((r) => r.rule === id)!;
const variant = (slot: string, r: string, v: string): VariantReport => rule(slot, r).variants.find((x) => x.variant === v)!;
const trueLift = (arm: string, control = 'hero:-:holdout'): number => TRUE_RATE[arm]! / TRUE_RATE[control]! - 1;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kairos-sim-'));
  server = await start();
  truth = await simulate({
    base: new URL(server.url), visitors: VISITORS, seed: Number(process.env.KAIROS_SIM_SEED ?? 1), start: END - 3 * DAY, spanMs: 3 * DAY - 3_600_000,
    // A broken split: 40 % of w-b's exposures never arrive. And w-b's page is slower.
    drop: { 'hero:winter:w-b': 0.4 }, lcpMedian: { 'hero:winter:w-b': 2600 },
  });
  const t0 = performance.now();
  report = await getReport();
  console.log(`simulated ${VISITORS} visitors; report built in ${Math.round(performance.now() - t0)} ms`);
}, 240_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a simulated population through the HTTP API (Node, SQLite file)', () => {
  it('counts exactly the visitors and converters the simulation produced', () => {
    for (const [arm, n] of truth.visitors) {
      const [slot, r, v] = arm.split(':') as [string, string, string];
      const a = r === '-' ? report.slots.find((s) => s.slot === slot)!.holdout : variant(slot, r, v);
      expect(a.visitors, arm).toBe(n);
      expect(a.goals.purchase!.converters, arm).toBe(truth.converters.get(arm) ?? 0);
    }
  });

  it('covers the true lift of every variant with its 95 % interval', () => {
    // The promo slot does nothing by itself: against its holdout it shows the mix of hero effects its visitors saw.
    const mix = (0.25 * TRUE_RATE['hero:winter:w-a']! + 0.25 * TRUE_RATE['hero:winter:w-b']! + 0.5 * TRUE_RATE['hero:base:b-1']!) / TRUE_RATE['hero:-:holdout']! - 1;
    const cases = [
      ['hero', 'winter', 'w-a', trueLift('hero:winter:w-a')], ['hero', 'winter', 'w-b', trueLift('hero:winter:w-b')],
      ['hero', 'base', 'b-1', trueLift('hero:base:b-1')], ['promo', 'split', 'p-a', mix], ['promo', 'split', 'p-b', mix],
    ] as const;
    const h = report.slots.find((s) => s.slot === 'hero')!.holdout.goals.purchase!;
    const rows = [`holdout: true 10.0 %, observed ${(h.rate! * 100).toFixed(1)} % of ${h.visitors}`];
    const p = (x: number): string => (x * 100).toFixed(1);
    for (const [slot, r, v, truth] of cases) {
      const l = variant(slot, r, v).lift.purchase!;
      rows.push(`${slot}:${r}:${v}: true ${p(truth)} %, estimated ${p(l.estimate!)} % [${p(l.ci!.lo)}, ${p(l.ci!.hi)}] ${l.verdict}`);
    }
    console.log(rows.join('\n'));
    for (const [slot, r, v, truth] of cases) {
      const l = variant(slot, r, v).lift.purchase!;
      expect(l.ci!.lo, v).toBeLessThanOrEqual(truth);
      expect(l.ci!.hi, v).toBeGreaterThanOrEqual(truth);
    }
    expect(variant('hero', 'winter', 'w-a').lift.purchase!.verdict).toBe('better');
  });

  it('flags the broken split and stays quiet on the good ones', () => {
    expect(rule('hero', 'winter').srm).toMatchObject({ flagged: true });
    expect(rule('hero', 'winter').srm!.p).toBeLessThan(0.001);
    expect(rule('promo', 'split').srm).toMatchObject({ flagged: false });
    expect(rule('promo', 'split').srm!.p).toBeGreaterThan(0.001);
    expect(report.slots.find((s) => s.slot === 'promo')!.holdoutSrm).toMatchObject({ flagged: false });
  });

  it('flags the variant that slows the page, and only that one', () => {
    expect(variant('hero', 'winter', 'w-b').guardrailFlag).toBe(true);
    expect(variant('hero', 'winter', 'w-b').guardrails[0]).toMatchObject({ metric: 'LCP', status: 'worse' });
    for (const [s, r, v] of [['hero', 'winter', 'w-a'], ['hero', 'base', 'b-1'], ['promo', 'split', 'p-a'], ['promo', 'split', 'p-b']] as const) {
      expect(variant(s, r, v).guardrails[0]!.status, v).not.toBe('insufficient');
      expect(variant(s, r, v).guardrailFlag, v).toBe(false);
    }
  });

  it('draws the lift over three days', () => {
    const t = rule('hero', 'winter').timeline!;
    expect(t.control.map((p) => p.day)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
    expect(t.variants['w-a']!.at(-1)!.lift!.estimate).toBeCloseTo(variant('hero', 'winter', 'w-a').lift.purchase!.estimate!, 12);
  });

  it('counts nothing twice when batches are sent again', async () => {
    for (const b of truth.batches.slice(0, 200)) {
      const res = await postEvents(new URL(server.url), b);
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({ accepted: 0, duplicates: b.events.length, stale: 0, refused: 0 });
    }
    expect(await getReport()).toEqual(report);
  });

  it('loses nothing across a restart', async () => {
    await server.close();
    server = await start();
    expect(await getReport()).toEqual(report);
    const page = await (await fetch(`${server.url}/report`)).text();
    expect(page).toContain('sample-ratio mismatch');
    expect(page).toContain('worse vitals');
  }, 30_000);
});
