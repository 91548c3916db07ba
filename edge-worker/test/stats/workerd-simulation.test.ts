import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Miniflare } from 'miniflare';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Report } from '../../src/stats/report-types.ts';
import { BROWSER_UA, ORIGIN, postEvents, simulate, type Truth } from './simulate.ts';
import { bootWorker } from './workerd-harness.ts';

// The production path: the worker and its SQLite-backed stats Durable Object in real
// workerd, persisted to disk; a smaller population, a re-send and a restart.
const rules = fileURLToPath(new URL('../fixtures/rules.stats.json', import.meta.url));
const VISITORS = 400;
let dir: string;
let mf: Miniflare;
let base: URL;
let truth: Truth;
let report: Report;

const getReport = async (): Promise<Report> => (await (await fetch(new URL('/v1/report', base))).json()) as Report;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kairos-do-'));
  ({ mf, url: base } = await bootWorker(rules, dir));
  const now = Date.now();
  truth = await simulate({ base, visitors: VISITORS, seed: 3, start: now - 2 * 86_400_000, spanMs: 2 * 86_400_000 - 3_600_000, prefix: 'do' });
  report = await getReport();
}, 120_000);

afterAll(async () => {
  await mf?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('a simulated population through the worker in workerd (Durable Object, SQLite)', () => {
  it('counts exactly the visitors and converters the simulation produced', () => {
    expect(truth.visitors.size).toBeGreaterThan(4);
    for (const [arm, n] of truth.visitors) {
      const [slot, r, v] = arm.split(':') as [string, string, string];
      const s = report.slots.find((x) => x.slot === slot)!;
      const a = r === '-' ? s.holdout : s.rules.find((x) => x.rule === r)!.variants.find((x) => x.variant === v)!;
      expect(a.visitors, arm).toBe(n);
      expect(a.goals.purchase?.converters ?? 0, arm).toBe(truth.converters.get(arm) ?? 0);
    }
    const hero = report.slots.find((s) => s.slot === 'hero')!;
    expect(hero.rules.find((r) => r.rule === 'winter')!.variants[0]!.lift.purchase!.ci).not.toBeNull();
    expect(hero.holdout.vitals.LCP!.n).toBe(truth.visitors.get('hero:-:holdout'));
  });

  it('refuses what it must, with JSON errors', async () => {
    const foreign = await fetch(new URL('/v1/events', base), {
      method: 'POST', body: JSON.stringify(truth.batches[0]), headers: { 'content-type': 'text/plain', origin: 'https://evil.example', 'user-agent': BROWSER_UA },
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ error: { code: 'origin_not_allowed' } });
    const bad = await fetch(new URL('/v1/events', base), {
      method: 'POST', body: JSON.stringify({ site: 'sim', visitor: 'x', events: [{ id: '1', type: 'exposure', at: 1, slot: 'hero', consent: 'analytics' }] }),
      headers: { 'content-type': 'application/json', origin: ORIGIN },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_events', path: '$.events[0].reason' } });
  });

  it('counts nothing twice when batches are sent again', async () => {
    for (const b of truth.batches.slice(0, 50)) {
      const res = await postEvents(base, b);
      expect(await res.json()).toEqual({ accepted: 0, duplicates: b.events.length, stale: 0, refused: 0 });
    }
    expect({ ...(await getReport()), generatedAt: '' }).toEqual({ ...report, generatedAt: '' });
  });

  it('loses nothing across a restart of workerd (on-disk persistence)', async () => {
    await mf.dispose();
    ({ mf, url: base } = await bootWorker(rules, dir));
    expect({ ...(await getReport()), generatedAt: '' }).toEqual({ ...report, generatedAt: '' });
    const csv = await fetch(new URL('/v1/report.csv', base));
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csv.text()).split('\r\n')[0]).toMatch(/^slot,rule,arm,/);
    const page = await fetch(new URL('/report', base));
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<svg[^>]*class="chart"/);
  }, 60_000);
});
