// Consent: without it nothing is stored on the device and nothing is sent, while
// context-only rules still personalise; GPC means denied; forget() erases the visitor.
import { expect, test, type Journey } from '../fixtures/index.ts';
import type { BrowserContext, Page } from '@playwright/test';
import { deviceStorage, recordStorageWrites, storedRecordCount, type StorageWrite } from '../fixtures/storage-writes.ts';

/** The storefront's own cart (demo-site/public/js/shop.js): the only thing the page may store. */
const SHOP_KEYS = /^alpenglow-/;

const PAID_SKI_SEARCH = { referrer: 'https://www.google.com/', utm: { source: 'google', medium: 'cpc', term: 'ski boots' } };

/** A search visitor's trip: the home page, a product, a click on the add-to-cart goal, the cart. */
async function shop(journey: Journey, page: Page): Promise<void> {
  await journey.open('/');
  expect(await journey.decision('hero')).toMatchObject({ variant: 'powder-hero', outcome: 'match' });
  await journey.open('/products/ski-alpine-pro.html');
  await journey.decision('product-cta');
  await page.locator('[data-add-to-cart]').click();
  await expect(page.locator('[data-cart-count]').first()).toHaveText('1');
  // Leaving the page is when a queue would flush (pagehide): nothing may go then either.
  await journey.open('/cart.html');
  await journey.decision('promo');
}

/**
 * Nothing stored, nothing sent: not one storage write by the SDK on any page of the journey
 * (IndexedDB, localStorage, sessionStorage, cookies), nothing on the device afterwards but
 * the shop's own cart, no events request, not even the events chunk.
 */
async function expectNothingStoredOrSent(journey: Journey, writes: StorageWrite[], page: Page, context: BrowserContext): Promise<void> {
  expect(writes.filter((w) => w.by === 'sdk'), 'storage writes by the SDK').toEqual([]);
  expect(writes.filter((w) => !(w.api.startsWith('localStorage.') && SHOP_KEYS.test(w.key ?? ''))), 'storage writes other than the shop\'s cart').toEqual([]);
  const device = await deviceStorage(page, context);
  expect(device).toEqual({ databases: [], local: device.local.filter((k) => SHOP_KEYS.test(k)), session: [], cookies: [] });
  expect(await journey.databases()).not.toContain('kairos');
  expect(journey.requests('/v1/events')).toEqual([]);
  expect(journey.requests('/kairos-events.js')).toEqual([]);
  for (const body of journey.decideBodies()) {
    expect(body.consent).toEqual({ personalization: false, analytics: false });
    // Stored behaviour never leaves the page without consent.
    expect(Object.keys(body.signals)).not.toEqual(expect.arrayContaining(['visitor']));
    expect(body.signals.views).toBeUndefined();
    expect(body.signals.interests).toBeUndefined();
  }
}

test.describe('consent denied by the site', () => {
  test.use({ visitor: { ...PAID_SKI_SEARCH, consent: 'denied' } });
  test('no storage write, no /v1/events request, and context rules still personalise', async ({ journey, page, context }) => {
    const writes = await recordStorageWrites(page);
    await shop(journey, page);
    await expectNothingStoredOrSent(journey, writes, page, context);
    expect(await page.evaluate(() => window.kairos!.consent())).toEqual({ personalization: false, analytics: false });
  });
});

test.describe('Global Privacy Control', () => {
  // The site's default is granted; GPC overrides it.
  test.use({ visitor: { ...PAID_SKI_SEARCH, gpc: true } });
  test('GPC means denied whatever the site default: nothing stored or sent, context rules still personalise', async ({ journey, page, context }) => {
    const writes = await recordStorageWrites(page);
    await shop(journey, page);
    expect(await page.evaluate(() => (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl)).toBe(true);
    await expectNothingStoredOrSent(journey, writes, page, context);
  });
});

test.describe('consent pending, never answered', () => {
  test.use({ visitor: { ...PAID_SKI_SEARCH, consent: 'pending' } });
  test('a whole shopping trip stores and sends nothing, and context rules still personalise', async ({ journey, page, context }) => {
    const writes = await recordStorageWrites(page);
    await shop(journey, page);
    await expectNothingStoredOrSent(journey, writes, page, context);
  });
});

test.describe('consent pending until the banner answers', () => {
  test.use({ visitor: { consent: 'pending' } });
  test('pending behaves as denied; granting starts storage and events at once', async ({ journey, page }) => {
    const writes = await recordStorageWrites(page);
    await journey.open('/products/ski-alpine-pro.html');
    await journey.decision('product-cta');
    expect(await journey.databases()).not.toContain('kairos');
    expect(writes.filter((w) => w.by === 'sdk'), 'storage writes by the SDK while pending').toEqual([]);
    if (journey.proxy) {
      // The edge decided product-cta from the page request: no cookie (the SDK set none while
      // pending), so with the id of a visitor without one (the kit's pinned id), and no decide request named it.
      const edge = await journey.edgeDecision('product-cta');
      expect(edge, 'product-cta decided by the edge').not.toBeNull();
      expect(edge!.visitor).toBe(journey.id);
      expect((await page.context().cookies()).map((c) => c.name)).not.toContain('kairos_vid');
      expect(journey.decideBodies().flatMap((b) => b.slots)).not.toContain('product-cta');
      for (const body of journey.decideBodies()) expect(body.consent).toEqual({ personalization: false, analytics: false });
    } else expect(journey.decideBodies()[0]?.consent).toEqual({ personalization: false, analytics: false });
    // The visitor accepts on the site's banner (which says so again on every later page).
    const sent = page.waitForRequest((r) => r.url().endsWith('/v1/events'), { timeout: 10_000 });
    expect(await page.evaluate(() => window.kairos!.consent({ personalization: true, analytics: true }))).toEqual({ personalization: true, analytics: true });
    await page.evaluate(() => window.kairos!.view({ id: 'sku-ski-summit-boots', tags: ['ski'] }));
    await expect.poll(async () => (await journey.stored())?.vw.map((v) => v.id), { message: 'the view is stored once consent is given' }).toContain('sku-ski-summit-boots');
    // Exposures of the slots on the page now go to the edge.
    const events = JSON.parse((await sent).postData() ?? '{}') as { events: { type: string; consent: string }[] };
    expect(events.events.length).toBeGreaterThan(0);
    expect(events.events.every((e) => e.consent === 'analytics+personalization')).toBe(true);
  });
});

test.describe('consent withdrawn', () => {
  test('withdrawing both consents wipes what was stored, and nothing is stored or sent after', async ({ journey, page }) => {
    for (const slug of ['ski-alpine-pro', 'ski-summit-boots']) {
      await journey.open(`/products/${slug}.html`);
      await journey.decision('product-cta');
    }
    expect((await journey.stored())?.vw.map((v) => v.id)).toEqual(['sku-ski-alpine-pro', 'sku-ski-summit-boots']);
    expect(await storedRecordCount(page)).toBe(1);

    const writes = await recordStorageWrites(page);
    await journey.reload();
    await journey.decision('product-cta');
    const events = journey.requests('/v1/events').length;
    expect(await page.evaluate(() => window.kairos!.consent({ personalization: false, analytics: false }))).toEqual({ personalization: false, analytics: false });
    // The database is gone or empty: the visitor's record is erased.
    await expect.poll(() => storedRecordCount(page), { message: 'records left in the kairos database after withdrawal' }).toBe(0);
    expect(await journey.stored()).toBeNull();
    // The cookies edge rendering reads, and their localStorage copies, went with it.
    expect((await page.context().cookies()).map((c) => c.name).filter((n) => n.startsWith('kairos_'))).toEqual([]);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kairos_')))).toEqual([]);
    // From now on nothing: a view, a goal, the page hidden (when a queue would flush).
    const before = writes.filter((w) => w.by === 'sdk').length;
    // The reload counted a pageview and the withdrawal erased the record: the recorder sees the SDK write.
    expect(before, 'storage writes by the SDK before withdrawal').toBeGreaterThan(0);
    await page.evaluate(() => {
      window.kairos!.view({ id: 'sku-ski-vista-goggles', tags: ['ski'] });
      window.kairos!.convert('add-to-cart');
    });
    await page.locator('[data-add-to-cart]').click();
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
      dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    });
    await page.evaluate(() => window.__kairosE2E!.frames(2));
    expect(writes.filter((w) => w.by === 'sdk').slice(before), 'storage writes by the SDK after withdrawal').toEqual([]);
    expect(await storedRecordCount(page)).toBe(0);
    expect(journey.requests('/v1/events').length, 'events requests after withdrawal').toBe(events);
  });
});

test.describe('Sec-GPC: 1 at the edge', () => {
  // A browser (or extension) that sends the GPC header, while the page's script sees no GPC:
  // the SDK stores and sends as usual, the edge must honour the header on its own.
  test.use({ extraHTTPHeaders: { 'Sec-GPC': '1' } });
  test('decide skips stored-behaviour rules with reason consent; events are acknowledged, not stored', async ({ journey, page }) => {
    for (const slug of ['ski-alpine-pro', 'ski-summit-boots']) {
      await journey.open(`/products/${slug}.html`);
      await journey.decision('product-cta');
    }
    expect((await journey.stored())?.i.ski, 'the SDK stored the ski interest (it sees no GPC)').toBeGreaterThanOrEqual(2);
    await journey.open('/');
    const recs = await journey.decision('recs');
    if (journey.proxy) {
      // The edge saw the header on the page request and decided recs itself, without the visitor's cookie.
      expect(await journey.edgeDecision('recs')).toMatchObject({ reason: { outcome: 'consent' } });
      expect(journey.decideBodies().flatMap((b) => b.slots)).not.toContain('recs');
    } else expect(journey.decideBodies().at(-1)?.consent).toEqual({ personalization: true, analytics: true });
    expect(recs.variant).toBeUndefined();
    expect(recs.reason).toMatchObject({ outcome: 'consent', skipped: expect.arrayContaining([{ rule: 'ski-fans-bundle', why: 'consent' }]) });
    // The same header on an events request: acknowledged, nothing stored.
    const answer = await page.evaluate(async (visitor) => {
      const event = { id: `gpc-${Date.now()}`, type: 'conversion', at: Date.now(), goal: 'purchase', value: 1, consent: 'analytics' };
      const res = await fetch('/v1/events', { method: 'POST', body: JSON.stringify({ site: 'demo', visitor, events: [event] }) });
      return { status: res.status, body: await res.json() };
    }, journey.id);
    expect(answer).toEqual({ status: 202, body: expect.objectContaining({ accepted: 0, ignored: 'gpc' }) });
  });
});

test.describe('forget()', () => {
  test('erases the stored visitor: views, interests and id are gone, and the bundle with them', async ({ journey, page }) => {
    for (const slug of ['ski-alpine-pro', 'ski-summit-boots']) {
      await journey.open(`/products/${slug}.html`);
      await journey.decision('product-cta');
    }
    await journey.open('/');
    expect(await journey.decision('recs')).toMatchObject({ variant: 'ski-bundle' });
    expect((await journey.stored())?.i.ski).toBeGreaterThanOrEqual(2);

    await page.evaluate(() => window.kairos!.forget());
    expect(await journey.stored()).toBeNull();

    await journey.reload();
    const recs = await journey.decision('recs');
    expect(recs.variant).toBeUndefined();
    expect(recs.state).toBe('default');
    const after = await journey.stored();
    expect(after?.id).toBeTruthy();
    expect(after?.id).not.toBe(journey.id);
    expect(after).toMatchObject({ vw: [], i: {}, c: {} });
    // In proxy mode the edge decides recs without the (deleted) cookie, with an id it made up,
    // which the new record takes (README, "Edge rendering"); else the SDK asks with the new id.
    const decidedWith = journey.proxy ? (await journey.edgeDecision('recs'))?.visitor : journey.decideBodies().at(-1)?.visitor;
    expect(decidedWith).toBe(after?.id);
  });
});
