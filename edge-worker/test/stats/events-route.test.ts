import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { createApp } from '../../src/app.ts';
import { LiveRules } from '../../src/live-rules.ts';
import { nodeStatsStore } from '../../src/adapters/node/stats.ts';
import type { StatsStore } from '../../src/stats/types.ts';
import type { EventsRequest, KairosEvent } from '../../src/protocol/index.ts';
import { BROWSER_UA } from './simulate.ts';

const NOW = Date.parse('2026-11-23T12:00:00Z');
let dir: string;
let store: StatsStore;
let rules: LiveRules;
let app: Hono;

beforeAll(async () => {
  rules = new LiveRules();
  await rules.load(readFileSync(new URL('../fixtures/rules.app.json', import.meta.url), 'utf8'));
  dir = mkdtempSync(join(tmpdir(), 'kairos-events-'));
  store = nodeStatsStore(dir);
  app = createApp({ rules, stats: store, now: () => NOW, eventsRateLimit: { burst: 30, perSecond: 1 } });
});
afterAll(async () => {
  await store.close?.();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
const exposure = (extra: Partial<KairosEvent> = {}): KairosEvent => ({
  id: `ev-${++n}`, type: 'exposure', at: NOW - 1000, slot: 'hero', reason: 'hero:ski-search:ski-hero', consent: 'analytics', ...extra,
});
const body = (events: unknown[], over: Partial<EventsRequest> = {}): EventsRequest => ({ site: 'shop', visitor: `v-${++n}`, events: events as KairosEvent[], ...over });

async function post(b: unknown, headers: Record<string, string> = {}, a = app): Promise<Response> {
  return a.request('/v1/events', {
    method: 'POST', body: typeof b === 'string' ? b : JSON.stringify(b), headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': BROWSER_UA, ...headers },
  });
}
const exposures = async (): Promise<number> => (await store.snapshot('shop')).arms.reduce((s, a) => s + a.exposures, 0);

describe('POST /v1/events', () => {
  it('stores a batch and says what it took (sendBeacon text/plain)', async () => {
    const res = await post(body([exposure(), exposure(), { ...exposure(), type: 'conversion', goal: 'add-to-cart', value: 12 }]));
    expect(res.status).toBe(202);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ accepted: 3, duplicates: 0, stale: 0 });
  });

  it('drops duplicates by event id', async () => {
    const b = body([exposure(), exposure()]);
    await post(b);
    const before = await exposures();
    expect(await (await post(b)).json()).toEqual({ accepted: 0, duplicates: 2, stale: 0 });
    expect(await exposures()).toBe(before);
  });

  it.each([
    ['an exposure without its reason', [{ ...exposure(), reason: undefined }], '$.events[0].reason'],
    ['a reason of another slot', [exposure({ reason: 'promo:evening:evening-deal' })], '$.events[0].reason'],
    ['a reason that is not a reason id', [exposure({ reason: 'hero' })], '$.events[0].reason'],
    ['a conversion without a goal', [{ ...exposure(), type: 'conversion' }], '$.events[0].goal'],
    ['a vital without a metric', [{ ...exposure(), type: 'vital', value: 3 }], '$.events[0].metric'],
    ['a negative vital', [{ ...exposure(), type: 'vital', metric: 'LCP', value: -1 }], '$.events[0].value'],
    ['a timeout without a slot', [{ id: 'x', type: 'timeout', at: NOW, consent: 'analytics' }], '$.events[0].slot'],
    ['an unknown type', [{ ...exposure(), type: 'click' }], '$.events[0].type'],
    ['an unknown field', [{ ...exposure(), ip: '1.2.3.4' }], '$.events[0]'],
    ['a decisions entry that is not a reason id', [{ ...exposure(), type: 'vital', metric: 'LCP', value: 1, decisions: ['nope'] }], '$.events[0].decisions[0]'],
    ['too many events', Array.from({ length: 200 }, () => exposure()), '$.events'],
  ])('refuses %s with a 400 naming the path, and stores nothing of the batch', async (_, events, path) => {
    const before = await exposures();
    // The bad event first, a good one after it: neither may be stored.
    const res = await post(body([...events, exposure()]));
    expect(res.status).toBe(400);
    const err = ((await res.json()) as { error: { code: string; path: string; message: string } }).error;
    expect(err.code).toBe('invalid_events');
    expect(err.path.startsWith(path), `${err.path}: ${err.message}`).toBe(true);
    expect(err.message.length).toBeGreaterThan(10);
    expect(await exposures()).toBe(before);
  });

  it('refuses an empty batch', async () => {
    expect(await (await post(body([]))).json()).toMatchObject({ error: { code: 'invalid_events', path: '$.events' } });
  });

  it('refuses bodies over 64 KB (413), bad JSON (400) and other content types (415)', async () => {
    expect((await post(JSON.stringify(body([exposure()])) + ' '.repeat(64 * 1024))).status).toBe(413);
    expect((await post('{"site":')).status).toBe(400);
    expect((await post(body([exposure()]), { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
  });

  it('checks the Origin against the site’s origins', async () => {
    const foreign = await post(body([exposure()]), { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ error: { code: 'origin_not_allowed' } });
    expect((await post(body([exposure()]), { origin: 'https://shop.example' })).status).toBe(202);
    expect((await post(body([exposure()]), { origin: 'http://localhost' })).status).toBe(202); // same origin as the request URL
  });

  it('answers an unknown site with 404', async () => {
    expect((await post(body([exposure()], { site: 'other' }))).status).toBe(404);
  });

  it('ignores bots', async () => {
    const before = await exposures();
    const res = await post(body([exposure()]), { 'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ accepted: 0, ignored: 'bot' });
    expect(await exposures()).toBe(before);
  });

  it('rate-limits a visitor with 429, a JSON error and Retry-After', async () => {
    const v = 'v-busy';
    expect((await post(body(Array.from({ length: 25 }, () => exposure()), { visitor: v }))).status).toBe(202);
    const before = await exposures();
    const res = await post(body(Array.from({ length: 10 }, () => exposure()), { visitor: v }));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect(await exposures()).toBe(before);
    expect((await post(body([exposure()], { visitor: 'v-calm' }))).status).toBe(202);
  });

  it('acknowledges without storing when no store is configured', async () => {
    const res = await post(body([exposure()]), {}, createApp({ rules }));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 1, stored: false });
  });

  it('answers 503 before any rules are loaded, and 405 to GET', async () => {
    expect((await post(body([exposure()]), {}, createApp({ rules: new LiveRules(), stats: store }))).status).toBe(503);
    expect((await app.request('/v1/events')).status).toBe(405);
  });
});

describe('a failing stats store', () => {
  const broken = (err: Error): StatsStore => ({ ingest: () => Promise.reject(err), snapshot: () => Promise.reject(err) });

  it('answers 503 (send again later), never 500', async () => {
    const a = createApp({ rules, stats: broken(new Error('disk full')) });
    const res = await post(body([exposure()]), {}, a);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'stats_unavailable' } });
    expect((await a.request('/v1/report')).status).toBe(503);
  });
});

describe('GET /v1/report, /v1/report.csv, /report', () => {
  it('reads what was just stored, as JSON, CSV and a page', async () => {
    const v = 'v-report';
    await post(body([exposure({ at: NOW - 5000 }), { ...exposure(), type: 'conversion', goal: 'add-to-cart', at: NOW - 1000 }], { visitor: v }));
    const res = await app.request('/v1/report');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const r = (await res.json()) as { site: string; goals: string[]; slots: { slot: string; rules: { rule: string; variants: { variant: string; goals: Record<string, { converters: number }> }[] }[] }[] };
    expect(r.site).toBe('shop');
    expect(r.goals).toContain('add-to-cart');
    const ski = r.slots.find((s) => s.slot === 'hero')!.rules.find((x) => x.rule === 'ski-search')!.variants[0]!;
    expect(ski.goals['add-to-cart']!.converters).toBeGreaterThanOrEqual(1);
    for (const path of ['/v1/report.csv', '/v1/report?format=csv']) {
      const csv = await app.request(path);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(csv.headers.get('content-disposition')).toBe('attachment; filename="kairos-report-shop.csv"');
      expect(await csv.text()).toContain('hero,ski-search,ski-hero,,add-to-cart,');
    }
    const page = await app.request('/report?goal=add-to-cart');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('Judged on goal <b>add-to-cart</b>');
  });

  it('answers 404 for another site, 503 without a store or rules, 405 to POST', async () => {
    expect((await app.request('/v1/report?site=other')).status).toBe(404);
    expect((await createApp({ rules }).request('/v1/report')).status).toBe(503);
    expect((await createApp({ rules: new LiveRules(), stats: store }).request('/report')).status).toBe(503);
    expect((await app.request('/v1/report', { method: 'POST' })).status).toBe(405);
  });
});
