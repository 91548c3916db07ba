// On-device memory: IndexedDB with consent, memory otherwise; every failure of
// IndexedDB falls back to memory; corrupted values are discarded; tabs writing at
// once lose nothing; bounded; expiry.
import type { BrowserContext } from '@playwright/test';
import { expect, ready, seed, slot, stored, test } from './harness';

type Rec = { v: number; id: string; n: number; pv: number; l: string; vw: { id: string; tags: string[] }[]; i: Record<string, number>; c: Record<string, number>; t: number };
const DAY = 864e5;

test('the visitor is remembered in IndexedDB: sessions, pageviews, landing, views, interests', async ({ page, site }) => {
  await page.goto(`${site.pages}/first`);
  await ready(page);
  expect(await slot(page, 'hero')).toMatchObject({ state: 'default' });
  await page.goto(`${site.pages}/second`);
  await ready(page);
  // interests.ski is 2 after two views of ski content: the ski-fans rule matches.
  expect(await slot(page, 'hero')).toMatchObject({ state: 'decided', text: 'Welcome back, ski fan' });
  const r = (await stored(page)) as Rec;
  expect(r).toMatchObject({ v: 1, n: 1, pv: 2, l: '/first' });
  expect(r.vw.map((v) => v.id)).toEqual(['sku-123', 'sku-123']);
  expect(r.vw[0]!.tags).toEqual(['ski', 'outdoor']);
  expect(r.i.ski).toBeCloseTo(2, 3);
  const ctx = await page.evaluate(() => window.kairos!.context());
  expect(ctx.session).toEqual({ pageviews: 2, landing: '/first', isNew: false });
  expect(ctx.visitor).toMatchObject({ sessions: 1 });
  expect(ctx.visitor!.firstSeen).toBeGreaterThan(Date.now() - 60_000);
  // The visitor id is stable across pages when consented.
  const ids = [r.id];
  await page.goto(`${site.pages}/third`);
  await ready(page);
  ids.push(((await stored(page)) as Rec).id);
  expect(ids[1]).toBe(ids[0]);
});

test('a new session after 30 minutes; the visitor is then returning', async ({ page, site }) => {
  const t = Date.now() - 31 * 60_000;
  await seed(page, site.pages, { v: 1, id: 'old-visitor', f: t - 10 * DAY, n: 1, t, pv: 4, l: '/old', vw: [], i: {}, it: t, c: {}, e: {}, se: { 'capped/capped': 2 }, q: [] });
  await page.goto(`${site.pages}/back?k_nocontent=1`);
  await ready(page);
  expect(await slot(page, 'hero')).toMatchObject({ text: 'Welcome back' });
  const ctx = await page.evaluate(() => window.kairos!.context());
  expect(ctx.visitor).toEqual({ sessions: 2, firstSeen: t - 10 * DAY });
  expect(ctx.session).toEqual({ pageviews: 1, landing: '/back', isNew: true });
  // Session exposures start again (the seeded session had 2 of capped/capped).
  expect(ctx.exposures?.session?.['capped/capped'] ?? 0).toBeLessThan(2);
  expect(((await stored(page)) as Rec).id).toBe('old-visitor');
});

test('interests halve with the half-life', async ({ page, site }) => {
  const t = Date.now() - 7 * DAY;
  await seed(page, site.pages, { v: 1, id: 'v', f: t, n: 1, t: Date.now() - DAY, pv: 1, l: '/', vw: [], i: { ski: 4, run: 1 }, it: t, c: {}, e: {}, se: {}, q: [] });
  await page.goto(`${site.pages}/?k_nocontent=1`);
  await ready(page);
  const i = (await page.evaluate(() => window.kairos!.context())).interests!;
  expect(i.ski).toBeCloseTo(2, 2);
  expect(i.run).toBeCloseTo(0.5, 2);
});

test('a corrupted value is discarded, not half-used', async ({ page, site, errors }) => {
  await seed(page, site.pages, { v: 1, id: 'broken', f: 1, n: 'many', t: Date.now(), pv: 1, l: '/', vw: 'nope', i: {}, it: 0, c: {}, e: {}, se: {}, q: [] });
  await page.goto(`${site.pages}/`);
  await ready(page);
  const r = (await stored(page)) as Rec;
  expect(r.id).not.toBe('broken');
  expect(r).toMatchObject({ v: 1, n: 1, pv: 1 });
  expect(errors).toEqual([]);
  await seed(page, site.pages, 'not even an object');
  await page.goto(`${site.pages}/`);
  await ready(page);
  expect(((await stored(page)) as Rec).v).toBe(1);
});

test('a record unused for 180 days has expired', async ({ page, site }) => {
  const t = Date.now() - 181 * DAY;
  await seed(page, site.pages, { v: 1, id: 'ancient', f: t, n: 9, t, pv: 1, l: '/', vw: [], i: { ski: 50 }, it: t, c: { buy: 3 }, e: {}, se: {}, q: [] });
  await page.goto(`${site.pages}/?k_nocontent=1`);
  await ready(page);
  const r = (await stored(page)) as Rec;
  expect(r.id).not.toBe('ancient');
  expect(r).toMatchObject({ n: 1, c: {}, i: {} });
});

test('memory is bounded: 20 views, 50 interests', async ({ page, site }) => {
  await page.goto(`${site.pages}/?k_nocontent=1`);
  await ready(page);
  await page.evaluate(async () => {
    for (let i = 0; i < 80; i++) window.kairos!.view({ id: 'c' + i, tags: ['t' + i, 'all'] });
    await window.kairos!.refresh();
  });
  await expect.poll(async () => ((await stored(page)) as Rec).vw.at(-1)?.id).toBe('c79');
  const r = (await stored(page)) as Rec;
  expect(r.vw).toHaveLength(20);
  expect(r.vw[0]!.id).toBe('c60');
  expect(Object.keys(r.i)).toHaveLength(50);
  expect(r.i.all).toBeCloseTo(80, 1);
});

test('several tabs writing at once lose no update', async ({ page, context, site }) => {
  const other = await context.newPage();
  await page.goto(`${site.pages}/?k_nocontent=1`);
  await other.goto(`${site.pages}/?k_nocontent=1`);
  await Promise.all([ready(page), ready(other)]);
  const burst = (p: typeof page) =>
    p.evaluate(async () => {
      for (let i = 0; i < 30; i++) window.kairos!.view({ id: 'x', tags: ['shared'] });
      await window.kairos!.refresh();
    });
  await Promise.all([burst(page), burst(other)]);
  await expect.poll(async () => Math.round(((await stored(page)) as Rec).i.shared ?? 0), { timeout: 10_000 }).toBe(60);
  // Both pageviews were counted in the one session too.
  expect(((await stored(page)) as Rec).pv).toBe(2);
});

const fallbackCases: [string, () => void][] = [
  [
    'IndexedDB is missing',
    () => {
      Object.defineProperty(window, 'indexedDB', { value: undefined });
    },
  ],
  [
    'IndexedDB never opens',
    () => {
      IDBFactory.prototype.open = function () {
        return {} as IDBOpenDBRequest;
      };
    },
  ],
  [
    'IndexedDB throws on open',
    () => {
      IDBFactory.prototype.open = function () {
        throw new DOMException('denied', 'SecurityError');
      };
    },
  ],
  [
    'writes are over quota',
    () => {
      IDBObjectStore.prototype.put = function () {
        throw new DOMException('full', 'QuotaExceededError');
      };
    },
  ],
];
for (const [name, sabotage] of fallbackCases) {
  test(`falls back to memory when ${name}`, async ({ page, site, errors }) => {
    await page.addInitScript(sabotage);
    await page.goto(`${site.pages}/?k_timeout=2000&utm_campaign=spring`);
    const d = await ready(page);
    expect(d.hero).toMatchObject({ variant: 'spring-sale' });
    // The page's view is still counted, in memory (once storage has been given up: 1 s at most).
    await page.evaluate(() => window.kairos!.view({ id: 'mem', tags: ['ski'] }));
    await expect.poll(() => page.evaluate(() => window.kairos!.context().views?.map((v) => v.id))).toEqual(['sku-123', 'mem']);
    expect((await page.evaluate(() => window.kairos!.context())).interests!.ski).toBe(2);
    expect(errors).toEqual([]);
  });
}

/**
 * Makes IndexedDB hang for every later page of `context`: tab A holds the database open and
 * ignores versionchange; tab B asks for an upgrade, which stays blocked; every open after
 * it (the SDK's) waits behind it.
 */
async function blockStorage(context: BrowserContext, pages: string): Promise<void> {
  const a = await context.newPage();
  await a.goto(`${pages}/blank.html`);
  await a.evaluate(() => new Promise((ok) => (indexedDB.open('kairos', 1).onsuccess = ok)));
  const b = await context.newPage();
  await b.goto(`${pages}/blank.html`);
  await b.evaluate(() => new Promise((ok) => (indexedDB.open('kairos', 2).onblocked = ok)));
}

test('falls back to memory when IndexedDB is blocked by another tab', async ({ page, context, site, errors }) => {
  await blockStorage(context, site.pages);
  await page.goto(`${site.pages}/?k_timeout=2000&utm_campaign=spring`);
  const t0 = Date.now();
  const d = await ready(page);
  expect(Date.now() - t0).toBeLessThan(1_500);
  expect(d.hero).toMatchObject({ variant: 'spring-sale' });
  expect(errors).toEqual([]);
});

test('a decide does not wait for storage that has not answered: it goes with this page from memory', async ({ page, context, site, errors }) => {
  // Storage that never answers.
  await blockStorage(context, site.pages);
  const bodies: { json: { signals: Record<string, unknown> } }[] = [];
  page.on('request', (r) => r.url().endsWith('/v1/decide') && bodies.push({ json: JSON.parse(r.postData()!) }));
  // The default budget: the request waits 10 ms for storage, then goes.
  await page.goto(`${site.pages}/landing?k_timeout=none`);
  await ready(page);
  expect(bodies).toHaveLength(1);
  // This page's pageview and content view, applied to the record in memory at once
  // (waiting for the hung storage, they would be missing).
  expect(bodies[0]!.json.signals).toMatchObject({
    session: { pageviews: 1, landing: '/landing', isNew: true },
    views: [{ id: 'sku-123', tags: ['ski', 'outdoor'] }],
    interests: { ski: 1, outdoor: 1 },
  });
  expect(errors).toEqual([]);
});
