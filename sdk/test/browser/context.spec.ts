// Context capture: what the SDK sends the edge, and only that.
import { BROWSER_UA } from '../../playwright.config';
import { devices } from '@playwright/test';
import type { DecideRequest } from '../../src/types';
import { expect, ready, test } from './harness';

const decideBodies = (page: import('@playwright/test').Page) => {
  const bodies: { raw: string; json: DecideRequest }[] = [];
  page.on('request', (r) => r.url().endsWith('/v1/decide') && bodies.push({ raw: r.postData()!, json: JSON.parse(r.postData()!) }));
  return bodies;
};

test('the referrer goes as its host only; utm values and the names of click ids, never their values', async ({ page, site }) => {
  const bodies = decideBodies(page);
  await page.goto(`${site.pages}/landing?utm_source=google&utm_medium=organic&utm_term=ski+boots&fbclid=SECRET-CLICK&other=private`, {
    referer: 'https://www.google.com/search?q=ski+boots+private&client=x',
  });
  const d = await ready(page);
  expect(d.hero).toMatchObject({ variant: 'ski-hero', rule: 'ski-search' });
  const { raw, json } = bodies[0]!;
  expect(json.signals.referrer).toBe('www.google.com');
  expect(json.signals.utm).toEqual({ source: 'google', medium: 'organic', term: 'ski boots' });
  expect(json.signals.clickIds).toEqual(['fbclid']);
  for (const secret of ['SECRET-CLICK', 'private', 'client=x', 'search?q']) expect(raw).not.toContain(secret);
  expect(json.signals.page).toEqual({ path: '/landing', title: 'Kairos fixture', type: 'product' });
});

test('device hints: UA Client Hints where the browser has them (no UA string then), viewport, touch, language, Save-Data', async ({ browser, site }) => {
  const context = await browser.newContext({ viewport: { width: 1111, height: 777 }, locale: 'de-CH', userAgent: BROWSER_UA });
  const page = await context.newPage();
  const bodies = decideBodies(page);
  await page.goto(`${site.pages}/`);
  const d = await ready(page);
  const s = bodies[0]!.json.signals;
  expect(s.uaData).toMatchObject({ mobile: false, platform: expect.any(String) });
  expect(s.uaData!.brands!.length).toBeGreaterThan(0);
  expect(s.ua).toBeUndefined();
  expect(s.viewport).toEqual({ width: 1111, height: 777 });
  expect(s.touch).toBe(false);
  expect(s.saveData).toBe(false);
  expect(s.language).toBe('de-CH');
  expect(d.device).toMatchObject({ variant: 'big-screen' });
  await context.close();
});

test('a phone: touch, small viewport, the UA string where there are no client hints, Save-Data', async ({ browser, site }) => {
  const context = await browser.newContext({ ...devices['iPhone 13'] });
  const page = await context.newPage();
  await page.addInitScript(() => {
    // Safari has no UA-CH: then the SDK sends the UA string.
    Object.defineProperty(Navigator.prototype, 'userAgentData', { get: () => undefined });
    Object.defineProperty(Navigator.prototype, 'connection', { get: () => ({ saveData: true }) });
  });
  const bodies = decideBodies(page);
  await page.goto(`${site.pages}/`);
  const d = await ready(page);
  const s = bodies[0]!.json.signals;
  expect(s.uaData).toBeUndefined();
  expect(s.ua).toContain('iPhone');
  expect(s.touch).toBe(true);
  expect(s.saveData).toBe(true);
  expect(s.viewport!.width).toBeLessThan(500);
  expect(s.viewport).toEqual(await page.evaluate(() => ({ width: innerWidth, height: innerHeight })));
  expect(d.device).toMatchObject({ variant: 'phone' });
  await context.close();
});

test('the viewport comes from media queries: the SDK reads no layout geometry, so it forces no layout on a loading page', async ({ browser, site }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const reads: string[] = ((window as { __reads?: string[] }).__reads = []);
    const spy = (o: object, k: string, name: string) => {
      const d = Object.getOwnPropertyDescriptor(o, k);
      if (!d?.get) return;
      Object.defineProperty(o, k, { configurable: true, get(this: unknown) {
        if (/\/kairos[\w-]*\.js/.test(new Error().stack ?? '')) reads.push(name);
        return d.get!.call(this);
      } });
    };
    for (const k of ['innerWidth', 'innerHeight', 'outerWidth', 'outerHeight', 'visualViewport']) spy(window, k, k);
    for (const k of ['clientWidth', 'clientHeight', 'offsetWidth', 'offsetHeight']) spy(Element.prototype, k, k), spy(HTMLElement.prototype, k, k);
    for (const k of ['width', 'height']) spy(VisualViewport.prototype, k, 'visualViewport.' + k);
  });
  const bodies = decideBodies(page);
  await page.goto(`${site.pages}/`);
  await ready(page);
  expect(bodies[0]!.json.signals.viewport).toEqual({ width: 1280, height: 720 });
  expect(await page.evaluate(() => (window as { __reads?: string[] }).__reads)).toEqual([]);
  await context.close();
});

test("the visitor's local time and timezone", async ({ browser, site }) => {
  const context = await browser.newContext({ timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  // 10:30 UTC on Wednesday 4 March 2026 is 19:30 in Tokyo.
  await page.clock.setFixedTime(new Date('2026-03-04T10:30:00Z'));
  const bodies = decideBodies(page);
  await page.goto(`${site.pages}/`);
  await ready(page);
  expect(bodies[0]!.json.signals.time).toEqual({ hour: 19, weekday: 3, timezone: 'Asia/Tokyo' });
  await context.close();
});

test('content views and interests go with consent, newest last; the rest of the record stays on the device', async ({ page, site }) => {
  const bodies = decideBodies(page);
  await page.goto(`${site.pages}/a`);
  await ready(page);
  await page.evaluate(() => window.kairos!.view({ id: 'sku-9', tags: ['run'] }));
  await page.goto(`${site.pages}/b`);
  await ready(page);
  const s = bodies[1]!.json.signals;
  expect(s.views!.map((v) => v.id)).toEqual(['sku-123', 'sku-9', 'sku-123']);
  expect(s.interests).toEqual({ ski: 2, outdoor: 2, run: 1 });
  expect(s.session).toEqual({ pageviews: 2, landing: '/a', isNew: false });
  expect(s.visitor).toMatchObject({ sessions: 1 });
  expect(s.exposures!.visitor).toBeDefined();
  expect(Object.keys(bodies[1]!.json).sort()).toEqual(['consent', 'debug', 'signals', 'site', 'slots', 'visitor']);
  expect(bodies[1]!.json.debug).toBe(false);
});
