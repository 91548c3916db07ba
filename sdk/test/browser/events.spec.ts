// Events: exposures when a slot is seen, conversions, web-vitals tagged with the
// decisions, batching, sendBeacon when hidden, fetch keepalive otherwise, ids for
// de-duplication, an offline queue with a bound; consent level and reason on each.
import type { KairosEvent } from '../../src/types';
import { expect, hide, ready, stored, test } from './harness';

test('an exposure is sent when a slot is actually seen, with the reason id of its decision', async ({ page, site, sent }) => {
  await page.goto(`${site.pages}/`);
  const d = await ready(page);
  const hero = await sent.waitFor((e) => e.type === 'exposure' && e.slot === 'hero');
  expect(hero).toMatchObject({ reason: d.hero!.reason.id, consent: 'analytics+personalization' });
  const rich = await sent.waitFor((e) => e.type === 'exposure' && e.slot === 'rich');
  expect(rich).toMatchObject({ rule: 'rich', variant: 'v', reason: d.rich!.reason.id });
  // Below the fold: not seen, not sent; scrolled into view: sent.
  expect(sent.events().some((e) => e.slot === 'below')).toBe(false);
  await page.locator('[data-kairos-slot="below"]').scrollIntoViewIfNeeded();
  const below = await sent.waitFor((e) => e.type === 'exposure' && e.slot === 'below');
  expect(below.reason).toBe(d.below!.reason.id);
  // Each slot once.
  expect(sent.events().filter((e) => e.type === 'exposure' && e.slot === 'hero')).toHaveLength(1);
});

test('events are batched, each with its own id, the consent level and the envelope', async ({ page, site, sent }) => {
  await page.goto(`${site.pages}/`);
  await ready(page);
  await sent.waitFor((e) => e.slot === 'pageviews');
  const b = sent.batches[0]!;
  expect(b.site).toBe('test');
  expect(b.visitor).toBeTruthy();
  expect(b.rulesVersion).toBeTruthy();
  // The slots seen at load go in one request, not one each.
  expect(b.events.length).toBeGreaterThan(3);
  const ids = sent.events().map((e) => e.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const e of sent.events()) {
    expect(e.consent).toBe('analytics+personalization');
    expect(Number.isInteger(e.at)).toBe(true);
  }
  // The edge accepted them.
  const res = await sent.requests[0]!.response();
  expect(res?.status()).toBe(202);
});

test('conversions: clicks on data-kairos-goal and kairos.convert, counted per goal for saturation', async ({ page, site, sent }) => {
  await page.goto(`${site.pages}/`);
  const d = await ready(page);
  await page.click('#buy');
  await page.evaluate(() => window.kairos!.convert('signup', { value: 12.5 }));
  const buy = await sent.waitFor((e) => e.type === 'conversion' && e.goal === 'buy');
  const signup = await sent.waitFor((e) => e.type === 'conversion' && e.goal === 'signup');
  expect(signup.value).toBe(12.5);
  expect(buy.value).toBeUndefined();
  // Tagged with the decisions on the page.
  expect(buy.decisions).toEqual(expect.arrayContaining([d.hero!.reason.id, d.rich!.reason.id]));
  await expect.poll(async () => ((await stored(page)) as { c: object }).c).toEqual({ buy: 1, signup: 1 });
  // The next page knows: the saturate slot's rule reads conversions.buy.
  await page.goto(`${site.pages}/`);
  const next = await ready(page);
  expect(next.saturate).toMatchObject({ variant: 'thanks' });
});

test('exposure counts per slot and rule drive caps', async ({ page, site }) => {
  for (let i = 1; i <= 2; i++) {
    await page.goto(`${site.pages}/?k_nocontent=1`);
    const d = await ready(page);
    expect(d.capped).toMatchObject({ variant: 'offer' });
    await expect.poll(async () => ((await stored(page)) as { e: Record<string, number> }).e['capped/capped']).toBe(i);
  }
  await page.goto(`${site.pages}/?k_nocontent=1`);
  const d = await ready(page);
  expect(d.capped).toMatchObject({ outcome: 'cap' });
  expect(d.capped!.variant).toBeUndefined();
});

test('sendBeacon when the page is hidden, fetch with keepalive otherwise', async ({ page, site, sent }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { beacons: string[]; fetches: { url: string; keepalive?: boolean }[] };
    w.beacons = [];
    w.fetches = [];
    const b = navigator.sendBeacon.bind(navigator);
    navigator.sendBeacon = (url, data) => (w.beacons.push(String(data)), b(url, data));
    const f = window.fetch;
    window.fetch = (u, o) => (String(u).endsWith('/v1/events') && w.fetches.push({ url: String(u), keepalive: o?.keepalive }), f(u, o));
  });
  await page.goto(`${site.pages}/`);
  await ready(page);
  await sent.waitFor((e) => e.type === 'exposure');
  const fetched = await page.evaluate(() => (window as unknown as { fetches: { keepalive?: boolean }[] }).fetches);
  expect(fetched.length).toBeGreaterThan(0);
  expect(fetched.every((f) => f.keepalive === true)).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { beacons: string[] }).beacons)).toEqual([]);
  await page.evaluate(() => window.kairos!.convert('leave'));
  await hide(page);
  const beacons = await page.evaluate(() => (window as unknown as { beacons: string[] }).beacons);
  expect(beacons).toHaveLength(1);
  expect((JSON.parse(beacons[0]!).events as KairosEvent[]).map((e) => e.goal)).toContain('leave');
  await sent.waitFor((e) => e.goal === 'leave');
});

test('offline, events are queued on the device with a bound, and sent when back online with the same ids', async ({ page, context, site, sent }) => {
  await page.goto(`${site.pages}/?k_nocontent=1`);
  await ready(page);
  await sent.waitFor((e) => e.type === 'exposure');
  const before = sent.events().length;
  await context.setOffline(true);
  await page.evaluate(() => {
    for (let i = 0; i < 70; i++) window.kairos!.convert('g' + i);
  });
  await hide(page);
  // Bounded: the newest 50 (hiding the page also reported web-vitals).
  await expect.poll(async () => ((await stored(page)) as { q: KairosEvent[] }).q.some((e) => e.goal === 'g69')).toBe(true);
  const parked = ((await stored(page)) as { q: KairosEvent[] }).q;
  expect(parked).toHaveLength(50);
  expect(parked.some((e) => e.goal === 'g0')).toBe(false);
  expect(sent.events().length).toBe(before);
  await context.setOffline(false);
  await sent.waitFor((e) => e.goal === 'g69', 10_000);
  const ids = (es: KairosEvent[]) => es.filter((e) => e.type === 'conversion').map((e) => e.id);
  expect(ids(sent.events())).toEqual(ids(parked));
  await expect.poll(async () => ((await stored(page)) as { q: unknown[] }).q.length).toBe(0);
});

test('events that could not go are sent from the next page', async ({ page, site, sent }) => {
  await page.goto(`${site.pages}/?k_nocontent=1`);
  await ready(page);
  await page.route('**/v1/events', (r) => r.fulfill({ status: 503, body: '{}' }));
  await page.evaluate(() => window.kairos!.convert('retry-me'));
  await expect.poll(async () => ((await stored(page)) as { q: KairosEvent[] }).q.map((e) => e.goal)).toContain('retry-me');
  const id = ((await stored(page)) as { q: KairosEvent[] }).q.find((e) => e.goal === 'retry-me')!.id;
  await page.unroute('**/v1/events');
  await page.goto(`${site.pages}/?k_nocontent=1`);
  const e = await sent.waitFor((x) => x.goal === 'retry-me');
  expect(e.id).toBe(id);
});

test('a timeout is reported as an event', async ({ page, site, sent }) => {
  await page.route('**/v1/decide', () => {});
  await page.goto(`${site.pages}/?k_timeout=100`);
  const e = await sent.waitFor((x) => x.type === 'timeout' && x.slot === 'hero');
  expect(e.reason).toBe('hero:-:timeout');
});

test('web-vitals (LCP, CLS, INP) are loaded lazily after the decision and tagged with the decisions', async ({ page, site, sent }) => {
  await page.goto(`${site.pages}/`);
  const d = await ready(page);
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.includes('kairos-vitals.js')));
  // An interaction slow enough to be an INP candidate.
  await page.evaluate(() => document.getElementById('buy')!.addEventListener('click', () => {
    const t = performance.now();
    while (performance.now() - t < 120);
  }));
  await page.click('#buy');
  // Event timing entries are delivered after the next paint: wait for the click's (buffered: it took over 104 ms).
  await page.evaluate(
    () =>
      new Promise((ok) => {
        new PerformanceObserver((l) => l.getEntries().some((e) => e.name === 'click') && ok(0)).observe({ type: 'event', buffered: true, durationThreshold: 16 } as PerformanceObserverInit);
        setTimeout(ok, 3_000); // bounded
      }),
  );
  // web-vitals processes interactions in an idle callback; let it run, as a real visit would before leaving.
  await page.evaluate(() => new Promise((ok) => requestIdleCallback(() => requestIdleCallback(ok, { timeout: 1_000 }), { timeout: 1_000 })));
  await hide(page);
  for (const metric of ['LCP', 'CLS', 'INP'] as const) {
    const v = await sent.waitFor((e) => e.type === 'vital' && e.metric === metric);
    expect(typeof v.value).toBe('number');
    expect(v.decisions).toEqual(expect.arrayContaining([d.hero!.reason.id]));
  }
});
