// Slots within the budget: only slots wait, they keep their box, the budget holds,
// late decisions are not applied, the CSS timer works without the script, late slots
// and SPA routes are decided without polling.
import { expect, ready, slot, test } from './harness';

const box = (page: import('@playwright/test').Page, name: string) =>
  page.evaluate((n) => {
    const el = document.querySelector(`[data-kairos-slot="${n}"]`)!;
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height, visibility: getComputedStyle(el).visibility };
  }, name);

test('only slots wait, in their own box, never the body', async ({ page, site }) => {
  let release!: () => void;
  const held = new Promise<void>((ok) => (release = ok));
  await page.route('**/v1/decide', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${site.pages}/?k_timeout=5000&k_css=10s&utm_campaign=spring`);
  await page.waitForFunction(() => !!window.kairos);
  const waiting = await box(page, 'hero');
  expect(waiting.visibility).toBe('hidden');
  expect(waiting.height).toBeGreaterThan(0);
  expect(await page.evaluate(() => getComputedStyle(document.body).visibility)).toBe('visible');
  expect(await page.evaluate(() => getComputedStyle(document.querySelector('h1')!).visibility)).toBe('visible');
  // The slot below keeps its place while the one above waits: no layout shift.
  const device = await box(page, 'device');
  release();
  await ready(page);
  const after = await box(page, 'device');
  expect(after.y).toBe(device.y);
  expect((await box(page, 'hero')).visibility).toBe('visible');
});

test('a slot waits at most the budget; a late decision is not applied and the timeout is reported', async ({ page, site }) => {
  let release!: () => void;
  const held = new Promise<void>((ok) => (release = ok));
  let answered = false;
  // The SDK aborts its request at the budget; ignore the abort so the late answer does arrive.
  await page.addInitScript(() => {
    const f = window.fetch;
    window.fetch = (u, o) => f(u, { ...o, signal: null });
  });
  await page.route('**/v1/decide', async (route) => {
    await held;
    await route.fulfill({ json: { site: 'test', rulesVersion: 'x', engineUs: 1, interestHalfLifeDays: 7, decisions: { hero: { slot: 'hero', variant: 'late', content: { nodes: [{ t: 'Too late' }] }, reason: { outcome: 'match', id: 'hero:r:late' } } } } });
    answered = true;
  });
  await page.addInitScript(() =>
    document.addEventListener('kairos:decision', (e) => {
      const x = (e as CustomEvent).detail;
      if (x.slot === 'hero') (window as unknown as { hero: unknown }).hero = { ...x, ms: performance.now() };
    }),
  );
  await page.goto(`${site.pages}/?k_timeout=150`);
  const d = (await (await page.waitForFunction(() => (window as unknown as { hero?: unknown }).hero)).jsonValue()) as { slot: string; outcome: string; ms: number };
  expect(d.ms).toBeLessThan(2_000);
  expect(d).toMatchObject({ slot: 'hero', outcome: 'timeout', reason: { id: 'hero:-:timeout' } });
  expect(await slot(page, 'hero')).toEqual({ state: 'timeout', text: 'Default hero', html: 'Default hero' });
  release();
  await expect.poll(() => answered).toBe(true);
  // The late answer has reached the page (same task queue as any decision would).
  await page.evaluate(() => new Promise((ok) => setTimeout(ok, 100)));
  expect(await slot(page, 'hero')).toMatchObject({ state: 'timeout', text: 'Default hero' });
  expect((await page.evaluate(() => window.kairos!.decisions)).hero?.outcome).toBe('timeout');
});

test('the budget defaults to 300 ms', async ({ page, site }) => {
  await page.route('**/v1/decide', () => {}); // never answers
  await page.addInitScript(() => document.addEventListener('kairos:decision', () => ((window as unknown as { t1?: number }).t1 ??= performance.now())));
  await page.goto(`${site.pages}/?k_timeout=none`);
  const t1 = (await (await page.waitForFunction(() => (window as unknown as { t1?: number }).t1)).jsonValue()) as number;
  // The slot settled about 300 ms after the script arrived (and the request was aborted then).
  const arrived = await page.evaluate(() => performance.getEntriesByType('resource').find((r) => r.name.endsWith('/kairos.js'))!.responseEnd);
  expect(t1 - arrived).toBeGreaterThanOrEqual(290);
  expect(t1 - arrived).toBeLessThan(1_000);
  expect(await slot(page, 'hero')).toMatchObject({ state: 'timeout' });
});

test('the waiting style goes even if the script never loads (CSS-only timer)', async ({ page, site }) => {
  await page.goto(`${site.pages}/?k_css=2s&k_src=${encodeURIComponent(site.edge + '/nope.js')}`);
  expect((await box(page, 'hero')).visibility).toBe('hidden');
  await page.waitForFunction(() => getComputedStyle(document.querySelector('[data-kairos-slot="hero"]')!).visibility === 'visible', null, { timeout: 6_000 });
  expect(await slot(page, 'hero')).toMatchObject({ state: null, text: 'Default hero' });
});

test('slots added after start are decided, without polling', async ({ page, site }) => {
  await page.goto(`${site.pages}/`);
  await ready(page);
  const calls: string[] = [];
  page.on('request', (r) => r.url().endsWith('/v1/decide') && calls.push(r.postData() ?? ''));
  // Nothing happens while nothing changes: no polling.
  await page.evaluate(() => new Promise((ok) => setTimeout(ok, 500)));
  expect(calls).toHaveLength(0);
  const d = await page.evaluate(
    () =>
      new Promise<{ slot: string; variant?: string }>((ok) => {
        document.addEventListener('kairos:decision', (e) => ok((e as CustomEvent).detail), { once: true });
        const s = document.createElement('section');
        s.setAttribute('data-kairos-slot', 'late');
        s.textContent = 'Default late';
        document.body.append(s);
      }),
  );
  expect(d).toMatchObject({ slot: 'late', variant: 'v' });
  expect(await slot(page, 'late')).toMatchObject({ state: 'decided', text: 'Late slot decided' });
  expect(calls).toHaveLength(1);
  expect(JSON.parse(calls[0]!).slots).toEqual(['late']);
});

test('SPA navigations (pushState, popstate) count a pageview and decide the new route', async ({ page, site }) => {
  await page.goto(`${site.pages}/spa/one`);
  await ready(page);
  expect(await slot(page, 'spa')).toMatchObject({ state: 'default' });
  const render = (path: string) =>
    page.evaluate(
      (p) =>
        new Promise<{ slot: string; variant?: string; outcome: string }>((ok) => {
          document.addEventListener('kairos:decision', (e) => ok((e as CustomEvent).detail), { once: true });
          const app = document.getElementById('app')!;
          const s = document.createElement('section');
          s.setAttribute('data-kairos-slot', 'spa');
          s.textContent = 'Default spa';
          app.replaceChildren(s);
        }).then((d) => ({ d, path: location.pathname, p })),
      path,
    );
  await page.evaluate(() => history.pushState({}, '', '/spa/two'));
  const two = await render('/spa/two');
  expect(two.d).toMatchObject({ slot: 'spa', variant: 'two' });
  expect(await page.evaluate(() => window.kairos!.context().session)).toMatchObject({ pageviews: 2, landing: '/spa/one', isNew: false });
  // Back: popstate, then the router renders route one again.
  await page.evaluate(() => new Promise((ok) => (addEventListener('popstate', ok, { once: true }), history.back())));
  const one = await render('/spa/one');
  expect(one.path).toBe('/spa/one');
  expect(one.d).toMatchObject({ slot: 'spa', outcome: 'no-match' });
  expect(await page.evaluate(() => window.kairos!.context().session?.pageviews)).toBe(3);
});

test('refresh() decides slots not decided yet and resolves with every decision', async ({ page, site }) => {
  await page.goto(`${site.pages}/`);
  await ready(page);
  await page.evaluate(() => {
    const s = document.createElement('section');
    s.setAttribute('data-kairos-slot', 'late');
    document.body.prepend(s);
  });
  const d = await page.evaluate(() => window.kairos!.refresh());
  expect(d.late).toMatchObject({ variant: 'v' });
  expect(d.hero).toBeDefined();
});

test('a page with more slots than one request may name gets every slot decided, in parallel batches', async ({ page, site }) => {
  const calls: string[][] = [];
  page.on('request', (r) => r.url().endsWith('/v1/decide') && calls.push((JSON.parse(r.postData() ?? '{}') as { slots: string[] }).slots));
  const codes: number[] = [];
  page.on('response', (r) => r.url().endsWith('/v1/decide') && codes.push(r.status()));
  await page.goto(`${site.pages}/many.html`);
  const d = await ready(page);
  expect(Object.keys(d)).toHaveLength(120);
  for (let i = 0; i < 120; i++) expect(d['m' + i], 'm' + i).toMatchObject({ variant: 'v', outcome: 'match' });
  const states = await page.evaluate(() => [...document.querySelectorAll('[data-kairos-slot]')].map((el) => el.getAttribute('data-kairos-state') + ' ' + el.textContent));
  expect(states).toEqual(Array.from({ length: 120 }, (_, i) => 'decided Decided m' + i));
  // 120 slots found in one scan: 50 + 50 + 20, each id once, every request accepted.
  expect(calls.map((c) => c.length).sort((a, b) => a - b)).toEqual([20, 50, 50]);
  expect(new Set(calls.flat()).size).toBe(120);
  expect(codes).toEqual([200, 200, 200]);
});
