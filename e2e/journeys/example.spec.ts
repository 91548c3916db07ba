// The example of e2e/README.md ("Writing a journey"), run so that it stays true.
import { expect, onArm, test } from '../fixtures/index.ts';

// Who the visitor is. Every field is optional (defaults below).
test.use({
  visitor: {
    referrer: 'https://www.google.com/',                          // document.referrer of the landing page
    utm: { source: 'google', medium: 'cpc', term: 'ski boots' },  // utm_* in the landing URL
    device: 'iPhone 13',                                          // a Playwright device descriptor
    at: '19:30',                                                  // local time today (or '2026-12-04T19:30:00')…
    timezone: 'Europe/Zurich',                                    // …in this zone (the clock then runs on)
    country: 'CH',                                                // what the edge sees (x-kairos-country)
    consent: 'granted',                                           // the site's data-consent: granted | denied | pending
    gpc: false,                                                   // navigator.globalPrivacyControl
  },
});

test('a phone visitor from a ski search sees the powder hero and the evening bar', async ({ journey, page }) => {
  await journey.open('/');                                  // lands from the referrer, with the UTM campaign

  const hero = await journey.decision('hero');              // waits for the slot's kairos:decision
  expect(hero).toMatchObject({ variant: 'powder-hero', outcome: 'match', rule: 'search-ski-term' });
  expect(hero.reason.fields).toEqual(['referrer.type', 'utm.term']);
  expect(await journey.slotText('hero')).toMatch(/You searched “ski boots”/i);

  expect(await journey.decision('promo')).toMatchObject({ variant: 'evening-express' });

  await journey.open('/products/ski-alpine-pro.html');      // a link followed on the site
  await journey.decision('product-cta');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect.poll(async () => (await journey.stored())?.c['add-to-cart']).toBe(1);
  expect((await journey.stored())?.vw.map((v) => v.id)).toContain('sku-ski-alpine-pro');
});

// A visitor on a given arm of a split (the kit asks the edge for a matching id).
test.describe(() => {
  test.use({ visitor: { id: onArm('product-cta', 'ships-today') } });
  test('the urgent CTA', async ({ journey }) => {
    await journey.open('/products/camping-ember-stove.html');
    expect(await journey.decision('product-cta')).toMatchObject({ variant: 'ships-today' });
  });
});
