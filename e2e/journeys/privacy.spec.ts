// Consent: without it nothing is stored on the device and nothing is sent, while
// context-only rules still personalise; GPC means denied; forget() erases the visitor.
import { expect, test, type Journey } from '../fixtures/index.ts';
import type { Page } from '@playwright/test';

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

/** Nothing stored, nothing sent: no database, no events request, not even the events chunk. */
async function expectNothingStoredOrSent(journey: Journey): Promise<void> {
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
  test('no IndexedDB database, no /v1/events request, and context rules still personalise', async ({ journey, page }) => {
    await shop(journey, page);
    await expectNothingStoredOrSent(journey);
    expect(await page.evaluate(() => window.kairos!.consent())).toEqual({ personalization: false, analytics: false });
  });
});

test.describe('Global Privacy Control', () => {
  // The site's default is granted; GPC overrides it.
  test.use({ visitor: { ...PAID_SKI_SEARCH, gpc: true } });
  test('GPC means denied whatever the site default: nothing stored or sent, context rules still personalise', async ({ journey, page }) => {
    await shop(journey, page);
    expect(await page.evaluate(() => (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl)).toBe(true);
    await expectNothingStoredOrSent(journey);
  });
});

test.describe('consent pending until the banner answers', () => {
  test.use({ visitor: { consent: 'pending' } });
  test('pending behaves as denied; granting starts storage and events at once', async ({ journey, page }) => {
    await journey.open('/products/ski-alpine-pro.html');
    await journey.decision('product-cta');
    expect(await journey.databases()).not.toContain('kairos');
    expect(journey.decideBodies()[0]?.consent).toEqual({ personalization: false, analytics: false });
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
    expect(journey.decideBodies().at(-1)?.visitor).toBe(after?.id);
  });
});
