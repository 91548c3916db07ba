// QA tools: a forced variant with ?kairos_preview, and the debug overlay that says
// why each slot shows what it shows.
import { expect, test } from '../fixtures/index.ts';

test('?kairos_preview forces a variant a first-time visitor would never get', async ({ journey }) => {
  await journey.open('/', { query: { kairos_preview: 'hero:welcome-back,promo:alps-2-day' } });
  expect(await journey.decision('hero')).toMatchObject({ variant: 'welcome-back', outcome: 'preview', rule: 'returning-welcome', state: 'decided' });
  expect(await journey.slotText('hero')).toMatch(/Welcome back Good to see you again/i);
  // Tokens are filled from the real context: the edge sees this visitor in the US.
  expect(await journey.decision('promo')).toMatchObject({ variant: 'alps-2-day', outcome: 'preview' });
  expect(await journey.slotText('promo')).toMatch(/Free 2-day delivery to US/);
  // Slots not previewed are decided as usual.
  expect(await journey.decision('recs')).toMatchObject({ outcome: 'no-match' });
  expect(journey.decideBodies()[0]?.preview).toEqual({ hero: 'welcome-back', promo: 'alps-2-day' });
});

test.describe('debug overlay', () => {
  test.use({ visitor: { utm: { source: 'newsletter', medium: 'email', campaign: 'winter-sale' } } });
  test('?kairos_debug=1 lists every slot with its variant, outcome, rule and reason', async ({ journey, page }) => {
    await journey.open('/', { query: { kairos_debug: '1' } });
    await journey.ready();
    const overlay = page.locator('[data-kairos-overlay]');
    await expect(overlay).toBeVisible();
    await expect(overlay.locator('li[data-slot="hero"]')).toContainText('hero → winter-sale-hero · match · rule email-winter-sale');
    await expect(overlay.locator('li[data-slot="hero"]')).toContainText('reads utm.campaign, utm.medium');
    await expect(overlay.locator('li[data-slot="hero"]')).toContainText('hero:email-winter-sale:winter-sale-hero');
    await expect(overlay.locator('li[data-slot="promo"]')).toContainText('promo → winter-code · match · rule email-winter-sale');
    // A default says why too: no rule matched, and which rule consent or a schedule kept out.
    await expect(overlay.locator('li[data-slot="recs"]')).toContainText('recs → default · no-match');
    await expect(overlay.locator('ol > li')).toHaveCount(3);
    // Each rule of the no-match slot, with why it did not apply (the edge's debug misses, from workerd).
    expect(await overlay.locator('li[data-slot="recs"] li').count()).toBeGreaterThan(0);
    expect(journey.decideBodies()[0]?.debug).toBe(true);
  });
});
