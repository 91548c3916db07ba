// Events on unload: a page closed while its events batch still waits for the queue's
// timer sends it on the way out (pagehide / visibilitychange: sendBeacon or fetch
// keepalive), and ≥ 99 % of 200 such pages reach the edge's store; a batch sent again
// (the same event ids) counts once. Counted in the demo's own store (workerd), through
// /v1/report: the pages show the demo's always-decided `product-cta` slot (the edge counts
// only signed exposures of its own rules), and each check counts what its run added; the
// tests of this file run one after the other (the unload project is not fully parallel).
import type { APIRequestContext, BrowserContext, Page } from '@playwright/test';
import { guardConsole } from '../fixtures/console.ts';
import { demoUrl } from '../fixtures/demo.ts';
import { expect, test } from '../fixtures/index.ts';

const PAGES = 200;
const PARALLEL = 4;
const RATE = 0.99;

/** A page of the storefront's origin with one slot and the SDK (a generous budget: timing is not the point here). */
const SLOT = 'product-cta';
const onePage = (title: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title>` +
  `<script src="/kairos.js" data-site="demo" data-timeout="5000" async></script></head>` +
  `<body><div style="height:2000px">above the fold</div><section data-kairos-slot="${SLOT}" style="height:120px">default</section></body></html>`;

/**
 * Holds the page's batch back until it is closed: the queue's send timer (any timer of a
 * second or more armed from kairos-events.js) is stretched to ten minutes, so a closed page
 * always has its batch pending, however slow the machine. Sets `window.__kairosEvents`
 * when the events chunk starts (it makes its IntersectionObserver first), and
 * `window.__kairosPending` once the slot was seen: the exposure is queued right in the
 * observer's callback.
 */
function holdBatches(): void {
  const st = window.setTimeout.bind(window) as (f: TimerHandler, ms?: number, ...rest: unknown[]) => number;
  window.setTimeout = ((f: TimerHandler, ms?: number, ...rest: unknown[]): number => {
    const late = (ms ?? 0) >= 1000 && /\/kairos-events\.js/.test(new Error().stack ?? '');
    return st(f, late ? 600_000 : ms, ...rest);
  }) as unknown as typeof setTimeout;
  const IO = window.IntersectionObserver;
  window.IntersectionObserver = class extends IO {
    constructor(cb: IntersectionObserverCallback, opts?: IntersectionObserverInit) {
      (window as { __kairosEvents?: boolean }).__kairosEvents = true;
      super((entries, io) => {
        cb(entries, io);
        if (entries.some((e) => e.isIntersecting)) (window as { __kairosPending?: boolean }).__kairosPending = true;
      }, opts);
    }
  };
}

/** Resolves once a readwrite transaction on the SDK's store, asked for now, has completed (IndexedDB runs them in order). */
function afterStorage(): Promise<void> {
  return new Promise<void>((ok) => {
    const r = indexedDB.open('kairos');
    r.onerror = () => ok();
    r.onsuccess = () => {
      const db = r.result;
      if (!db.objectStoreNames.contains('kv')) return (db.close(), ok());
      const tx = db.transaction('kv', 'readwrite');
      tx.oncomplete = tx.onabort = () => (db.close(), setTimeout(ok));
    };
  });
}

/** Exposures the demo's store holds for the pages' slot, all arms. */
async function exposures(request: APIRequestContext): Promise<number> {
  const res = await request.get(`${demoUrl()}/v1/report`, { timeout: 10_000 });
  expect(res.status()).toBe(200);
  const report = (await res.json()) as { slots: { slot: string; exposures: number }[] };
  return report.slots.find((s) => s.slot === SLOT)?.exposures ?? 0;
}

/**
 * A context on the demo that serves `/__unload__/<slot>` as a one-slot page; web-vitals
 * off, so a batch is the page's exposure only; `hold`: see {@link holdBatches}.
 */
async function unloadContext(newContext: () => Promise<BrowserContext>, hold: boolean): Promise<BrowserContext> {
  const context = await newContext();
  const base = demoUrl();
  await context.route(`${base}/__unload__/**`, (r) => r.fulfill({ contentType: 'text/html', body: onePage(new URL(r.request().url()).pathname.split('/').pop()!) }));
  await context.route(/\/kairos-vitals\.js/, (r) => r.fulfill({ contentType: 'text/javascript', body: 'export default () => {};' }));
  if (hold) await context.addInitScript(holdBatches);
  return context;
}

/** The ids of the pages' slot's exposures in an events body. */
const exposureIds = (body: string): string[] =>
  (JSON.parse(body) as { events: { id: string; type: string; slot?: string }[] }).events.filter((e) => e.type === 'exposure' && e.slot === SLOT).map((e) => e.id);

const run = (): string => `unload-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

test(`≥ ${RATE * 100} % of ${PAGES} pages closed with a pending batch arrive at the edge`, async ({ browser, request }) => {
  test.setTimeout(300_000);
  const slot = run();
  const before = await exposures(request);
  const context = await unloadContext(() => browser.newContext({ baseURL: demoUrl() }), true);
  let pending = 0;
  const problems: string[] = [];
  const t0 = Date.now();
  const one = async (i: number): Promise<void> => {
    const p: Page = await context.newPage();
    const guard = guardConsole(p);
    let sent = false;
    p.on('request', (r) => void (r.url().endsWith('/v1/events') && (sent = true)));
    await p.goto(`/__unload__/${slot}?n=${i}`);
    await p.waitForFunction(() => (window as { __kairosEvents?: boolean }).__kairosEvents === true, undefined, { timeout: 15_000, polling: 20 });
    // The chunk first re-sends what earlier pages kept (one IndexedDB transaction, then a send of
    // everything queued): a transaction of ours, asked for after it, completes after it.
    await p.evaluate(afterStorage);
    // Only now the slot comes into view: its exposure waits in the queue.
    await p.locator('[data-kairos-slot]').scrollIntoViewIfNeeded();
    await p.waitForFunction(() => (window as { __kairosPending?: boolean }).__kairosPending === true, undefined, { timeout: 15_000, polling: 20 });
    if (!sent) pending++;
    // Closing a tab runs its unload handlers (pagehide, visibilitychange): Playwright does so with runBeforeUnload.
    const closed = p.waitForEvent('close', { timeout: 15_000 });
    await p.close({ runBeforeUnload: true });
    await closed;
    problems.push(...guard.unexpected().map((e) => `page ${i}: ${e}`));
  };
  const queue = Array.from({ length: PAGES }, (_, i) => i);
  await Promise.all(Array.from({ length: PARALLEL }, async () => {
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) await one(i);
  }));
  const loaded = Date.now() - t0;
  // Bounded wait for the beacons: until every page's batch is in, or 20 s.
  let arrived = 0;
  await expect.poll(async () => (arrived = (await exposures(request)) - before), { timeout: 20_000, intervals: [250, 500, 1000] }).toBeGreaterThanOrEqual(PAGES).catch(() => {});
  await context.close();
  console.log(`unload: ${arrived} of ${PAGES} batches arrived (${pending} still pending when their page closed); ${PAGES} pages in ${(loaded / 1000).toFixed(1)} s`);
  expect(problems, 'page errors and console errors').toEqual([]);
  expect(pending, 'pages closed while their batch was still pending').toBe(PAGES);
  expect(arrived, `batches that reached the store, of ${PAGES}`).toBeGreaterThanOrEqual(Math.ceil(PAGES * RATE));
  // Each page sent its exposure once: nothing counted twice.
  expect(arrived).toBeLessThanOrEqual(PAGES);
});

test('a batch sent again counts once: sent twice by hand, and re-sent by the SDK after a failed send', async ({ browser, request }) => {
  const context = await unloadContext(() => browser.newContext({ baseURL: demoUrl() }), false);
  const p = await context.newPage();
  const guard = guardConsole(p);

  // By hand: the SDK's own batch (its exposure signed by the edge), kept from the edge and
  // then sent twice, as a retrying client would.
  const manual = run();
  let start = await exposures(request);
  let kept: string | undefined;
  const caught = new Promise<void>((ok) =>
    void p.route('**/v1/events', async (r) => {
      kept = r.request().postData() ?? '';
      await r.abort();
      ok();
    }),
  );
  guard.allow(/net::ERR_FAILED|Failed to load resource.*\/v1\/events/);
  await p.goto(`/__unload__/${manual}-page`);
  await p.locator('[data-kairos-slot]').scrollIntoViewIfNeeded();
  await Promise.race([caught, new Promise((_, fail) => setTimeout(() => fail(new Error('no /v1/events request within 15 s')), 15_000))]);
  await p.unrouteAll({ behavior: 'wait' });
  const answers = await p.evaluate(async (body) => {
    const out = [];
    for (let i = 0; i < 2; i++) out.push(await (await fetch('/v1/events', { method: 'POST', body })).json());
    return out;
  }, kept!);
  expect(answers).toEqual([expect.objectContaining({ accepted: 1, duplicates: 0 }), expect.objectContaining({ accepted: 0, duplicates: 1 })]);
  expect((await exposures(request)) - start).toBe(1);

  // By the SDK: the edge stores the batch but the page is told 503, so the SDK keeps it and
  // sends it again on the next page; the store still counts it once. The SDK still keeps the
  // batch aborted above, and sends it first (it counts nothing, its ids are known): the
  // batch to fail is the one with this page's exposure.
  const known = new Set(exposureIds(kept!));
  const slot = run();
  start = await exposures(request);
  guard.allow(/Failed to load resource: the server responded with a status of 503 .*\/v1\/events/);
  let first: string | undefined;
  const failed = new Promise<void>((ok) =>
    void p.route('**/v1/events', async (r) => {
      if (exposureIds(r.request().postData() ?? '').every((id) => known.has(id))) return r.continue();
      const res = await r.fetch();
      expect(res.status()).toBe(202);
      first = r.request().postData() ?? '';
      await r.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{"code":"stats_unavailable","message":"try later"}}' });
      ok();
    }),
  );
  await p.goto(`/__unload__/${slot}`);
  await p.locator('[data-kairos-slot]').scrollIntoViewIfNeeded();
  await Promise.race([failed, new Promise((_, fail) => setTimeout(() => fail(new Error('no /v1/events request within 15 s')), 15_000))]);
  await p.unrouteAll({ behavior: 'wait' });
  const ids = exposureIds(first!).filter((id) => !known.has(id));
  expect(ids.length, 'the exposure was in the failed batch').toBe(1);
  expect((await exposures(request)) - start).toBe(1);
  // The next page sends the kept batch again.
  const resent = p.waitForRequest((r) => r.url().endsWith('/v1/events') && (r.postData() ?? '').includes(ids[0]!), { timeout: 15_000 });
  await p.goto(`/__unload__/${slot}-next`);
  const again = await resent;
  expect((await again.response())?.status(), 'the re-sent batch was accepted').toBe(202);
  expect((await exposures(request)) - start, 'the re-sent exposure counted once').toBe(1);
  await context.close();
  expect(guard.unexpected(), 'page errors and console errors').toEqual([]);
});
