import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { createApp } from '../../src/app.ts';
import { LiveRules } from '../../src/live-rules.ts';
import { nodeStatsStore } from '../../src/adapters/node/stats.ts';
import type { StatsStore } from '../../src/stats/types.ts';
import type { DecideResponse, EventsRequest, KairosEvent } from '../../src/protocol/index.ts';
import { decisionToken } from '../../src/sign/decision-token.ts';
import { edgeKeys } from '../../src/sign/keys.ts';
import { decideBody } from '../decide-body.ts';
import { BROWSER_UA } from './simulate.ts';

const SECRET = 'events-route-test';
const keys = edgeKeys(SECRET);

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
  app = createApp({ rules, stats: store, now: () => NOW, secret: SECRET, eventsRateLimit: { burst: 30, perSecond: 1 } });
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

/** `b` with the edge's token on every exposure that has no `token` key, as if one decide call had handed them out. */
async function signed(b: unknown): Promise<unknown> {
  const req = b as EventsRequest;
  if (typeof b !== 'object' || b === null || !Array.isArray(req.events)) return b;
  const events = await Promise.all(req.events.map(async (e) =>
    e && e.type === 'exposure' && typeof e.reason === 'string' && !('token' in e) ? { ...e, token: await decisionToken(keys, req.visitor, e.reason, NOW - 2000) } : e));
  return { ...req, events };
}

async function post(b: unknown, headers: Record<string, string> = {}, a = app): Promise<Response> {
  b = await signed(b);
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
    expect(await res.json()).toEqual({ accepted: 3, duplicates: 0, stale: 0, refused: 0 });
  });

  it('drops duplicates by event id', async () => {
    const b = body([exposure(), exposure()]);
    await post(b);
    const before = await exposures();
    expect(await (await post(b)).json()).toEqual({ accepted: 0, duplicates: 2, stale: 0, refused: 0 });
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
  const broken = (err: Error): StatsStore => ({ ingest: () => Promise.reject(err), snapshot: () => Promise.reject(err), forget: () => Promise.reject(err) });

  it('answers 503 (send again later), never 500', async () => {
    const a = createApp({ rules, stats: broken(new Error('disk full')), secret: SECRET });
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

describe('what the edge counts (forged stats)', () => {
  const armOf = async (arm: string) => (await store.snapshot('shop')).arms.find((a) => a.arm === arm);
  const goalOf = async (arm: string, goal: string) => (await store.snapshot('shop')).goals.find((g) => g.arm === arm && g.goal === goal);

  it('counts no exposure without the token of a decision the edge made for that visitor', async () => {
    const real = body([exposure()]);
    const stolen = (await signed(real)) as EventsRequest;
    const before = (await armOf('hero:ski-search:ski-hero'))?.visitors ?? 0;
    const forged = [
      body([exposure({ token: '' })]),
      body([exposure({ token: 'lmn0p.AAAAAAAAAAAAAAAAAAAAAA' })]),
      body([exposure({ token: `${(NOW - 1000).toString(36)}.AAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA` })]),
      // A real token, sent for another visitor or for another variant.
      body([{ ...stolen.events[0]!, id: 'x1' }], { visitor: 'v-someone-else' }),
      body([{ ...stolen.events[0]!, id: 'x2', reason: 'hero:mobile-app:app-a' }], { visitor: stolen.visitor }),
    ];
    for (const f of forged) {
      const res = await post(f);
      expect(res.status).toBe(202);
      expect(await res.json()).toMatchObject({ accepted: 0, refused: 1 });
    }
    expect((await armOf('hero:ski-search:ski-hero'))?.visitors ?? 0).toBe(before);
    expect(await (await post(real)).json()).toMatchObject({ accepted: 1, refused: 0 });
  });

  it('counts each decision handed out once: two in the same millisecond twice, a re-sent batch or a replayed token once', async () => {
    // This app's clock stands still (like a Workers clock between I/O): both pages of the visitor are decided in the same ms.
    const visitor = 'v-two-pages';
    const decideHero = async () => {
      const res = await app.request('/v1/decide', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(decideBody({ visitor, slots: ['hero'] }, { referrer: 'www.google.com', utm: { term: 'ski boots' } })) });
      return ((await res.json()) as DecideResponse).decisions.hero!;
    };
    const [one, two] = [await decideHero(), await decideHero()];
    expect(one.reason.id).toBe(two.reason.id);
    expect(one.token).not.toBe(two.token);
    const seen = (d: typeof one, id: string): KairosEvent => exposure({ id, reason: d.reason.id, token: d.token });
    const before = (await armOf(one.reason.id))?.exposures ?? 0;
    const batch = body([seen(one, 'page-1'), seen(two, 'page-2')], { visitor });
    expect(await (await post(batch)).json()).toEqual({ accepted: 2, duplicates: 0, stale: 0, refused: 0 });
    // The SDK sends a batch again when it did not hear back: the same event ids count nothing.
    expect(await (await post(batch)).json()).toEqual({ accepted: 0, duplicates: 2, stale: 0, refused: 0 });
    // A token sent again under a new event id (a replay) passes the screening, and the store counts it nothing.
    expect(await (await post(body([seen(one, 'page-1-again')], { visitor }))).json()).toEqual({ accepted: 0, duplicates: 1, stale: 0, refused: 0 });
    expect((await armOf(one.reason.id))?.exposures).toBe(before + 2);
  });

  it('made-up visitors with forged exposures and conversions move no variant', async () => {
    const before = await goalOf('hero:mobile-app:app-a', 'add-to-cart');
    for (let i = 0; i < 20; i++) {
      const events = Array.from({ length: 5 }, (_, k) => [
        exposure({ reason: 'hero:mobile-app:app-a', token: `forged-${i}-${k}` }),
        { ...exposure(), type: 'conversion' as const, goal: 'add-to-cart', at: NOW - 500 },
      ]).flat();
      // Each batch one made-up visitor; the store would count each as unique.
      expect((await post(body(events, { visitor: `forger-${i}` }))).status).toBe(202);
    }
    expect(await goalOf('hero:mobile-app:app-a', 'add-to-cart')).toEqual(before);
    expect((await armOf('hero:mobile-app:app-a'))?.visitors ?? 0).toBeLessThanOrEqual(0);
  });

  it('keeps only ids of the rules in force and goals the rules file declares', async () => {
    const before = (await store.snapshot('shop')).arms.length;
    const res = await post(body([
      exposure({ slot: 'hero', reason: 'hero:junk-rule:junk-variant' }),
      exposure({ slot: 'junk', reason: 'junk:-:holdout' }),
      { ...exposure(), type: 'conversion', goal: 'junk-goal' },
      { id: 'tj', type: 'timeout', at: NOW, slot: 'junk-slot', consent: 'analytics' },
      { ...exposure(), type: 'vital', metric: 'LCP', value: 1200, decisions: ['hero:junk:x', 'hero:ski-search:ski-hero'] },
    ]));
    expect(await res.json()).toMatchObject({ accepted: 1, refused: 4 });
    const snap = await store.snapshot('shop');
    expect(snap.arms.length).toBe(before);
    expect(snap.arms.map((a) => a.arm).filter((a) => a.includes('junk'))).toEqual([]);
    expect(snap.goals.map((g) => g.goal)).not.toContain('junk-goal');
    expect(snap.vitals.map((v) => v.arm)).not.toContain('hero:junk:x');
  });

  it('charges the rate limit for refused events too: a flood of unsigned exposures is limited', async () => {
    const v = 'v-forger';
    // Forged (a token that is not the edge's): refused, yet each costs the sender its share of the bucket.
    const forged = (): KairosEvent => exposure({ token: 'x'.repeat(43) });
    const first = await post(body(Array.from({ length: 25 }, forged), { visitor: v }));
    expect(first.status).toBe(202);
    expect(await first.json()).toMatchObject({ accepted: 0, refused: 25 });
    const res = await post(body(Array.from({ length: 10 }, forged), { visitor: v }));
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ error: { code: 'rate_limited' } });
  });

  it('rate-limits a client address however many visitor ids it makes up, and never stores the address', async () => {
    const a = createApp({ rules, stats: store, now: () => NOW, secret: SECRET, clientRateLimit: { burst: 10, perSecond: 1 } });
    const from = { 'cf-connecting-ip': '203.0.113.77' };
    expect((await post(body([exposure(), exposure(), exposure(), exposure(), exposure(), exposure()]), from, a)).status).toBe(202);
    const res = await post(body([exposure(), exposure(), exposure(), exposure(), exposure(), exposure()]), from, a);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    expect((await post(body([exposure()]), { 'cf-connecting-ip': '203.0.113.78' }, a)).status).toBe(202);
    await store.close?.();
    store = nodeStatsStore(dir);
    app = createApp({ rules, stats: store, now: () => NOW, secret: SECRET, eventsRateLimit: { burst: 30, perSecond: 1 } });
    const files = readdirSync(dir).map((f) => readFileSync(join(dir, f)).toString('latin1')).join('');
    expect(files).not.toContain('203.0.113');
  });

  it('stores only a keyed hash of visitor ids', async () => {
    await post(body([exposure()], { visitor: 'visitor-id-in-clear-3f9a' }));
    await store.close?.();
    const files = readdirSync(dir).filter((f) => f.endsWith('.sqlite')).map((f) => readFileSync(join(dir, f)).toString('latin1')).join('');
    store = nodeStatsStore(dir);
    app = createApp({ rules, stats: store, now: () => NOW, secret: SECRET, eventsRateLimit: { burst: 30, perSecond: 1 } });
    expect(files.length).toBeGreaterThan(1000);
    expect(files).not.toContain('visitor-id-in-clear-3f9a');
  });

  it('counts nothing without a secret, and says why', async () => {
    const res = await post(body([exposure()]), {}, createApp({ rules, stats: store, now: () => NOW }));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'no_secret', message: expect.stringMatching(/KAIROS_SECRET/) } });
  });
});

describe('POST /v1/forget', () => {
  const forget = (b: unknown, headers: Record<string, string> = {}, a = app): Promise<Response> => Promise.resolve(
    a.request('/v1/forget', { method: 'POST', body: JSON.stringify(b), headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers } }));

  it('deletes the visitor’s rows: the same visitor counts as new afterwards', async () => {
    const v = 'v-forget-me';
    await post(body([exposure({ reason: 'hero:mobile-app:app-b' }), { ...exposure(), type: 'conversion', goal: 'add-to-cart' }], { visitor: v }));
    const visitors = async (): Promise<number> => (await store.snapshot('shop')).arms.find((a) => a.arm === 'hero:mobile-app:app-b')!.visitors;
    const before = await visitors();
    const res = await forget({ site: 'shop', visitor: v }, { origin: 'https://shop.example' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(((await res.json()) as { deleted: number }).deleted).toBeGreaterThanOrEqual(4);
    expect(await (await forget({ site: 'shop', visitor: v })).json()).toEqual({ deleted: 0 });
    await post(body([exposure({ reason: 'hero:mobile-app:app-b' })], { visitor: v }));
    expect(await visitors()).toBe(before + 1);
  });

  it('refuses what it must: a foreign origin, a bad body, another site; and is rate-limited', async () => {
    expect((await forget({ site: 'shop', visitor: 'x' }, { origin: 'https://evil.example' })).status).toBe(403);
    const bad = await forget({ site: 'shop' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_forget', path: '$.visitor' } });
    expect((await forget({ site: 'other', visitor: 'x' })).status).toBe(404);
    const a = createApp({ rules, stats: store, now: () => NOW, secret: SECRET, clientRateLimit: { burst: 30, perSecond: 1 } });
    const from = { 'cf-connecting-ip': '198.51.100.9' };
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await forget({ site: 'shop', visitor: `v-f${i}` }, from, a)).status);
    expect(codes).toEqual([200, 200, 200, 429]);
  });
});
