// The React SPA example (demo-site/react-spa, served at /react-spa/): slots of
// `@kairos/sdk/react` on two client-side routes, with the SDK started by the app
// (`import { start }`) or by the script tag (`window.kairos`). React's development build
// runs, so any warning it has about the slots reaches the console.
import type { Page } from '@playwright/test';
import { expect, onArm, test, type Journey } from '../fixtures/index.ts';

// Context-only rules decide here; with GPC the SDK keeps no storage and the kit pins the
// visitor id in each decide request, so no journey waits on IndexedDB of a busy machine.
test.use({ visitor: { id: onArm('product-cta', 'free-returns'), gpc: true, utm: { source: 'newsletter', medium: 'email', campaign: 'winter-sale-2026' } } });

/**
 * Serves the example's pages with the script tag added, as a site using it would, and
 * holds the app's bundle until the SDK has rendered the hero's variant into the
 * server-rendered page: React then hydrates over content it did not render (a slow
 * bundle on a real site), which a slot that hydrated its children would report.
 * This handler fetches the page itself, so the kit's own document route (which pins the
 * visitor id for a proxy-mode edge) never runs: the pin is sent here, or the edge makes up
 * an id per page and one load in twenty lands in the holdout.
 */
const withScriptTag = async (page: Page, journey: Journey) => {
  await page.route(/\/react-spa\/(deals\/)?(\?.*)?$/, async (route) => {
    const headers = journey.proxy ? { ...route.request().headers(), 'x-kairos-visitor': journey.id } : undefined;
    const res = await route.fetch({ headers });
    const html = (await res.text()).replace('</head>', '<script src="/kairos.js" data-site="demo" async></script>\n</head>');
    await route.fulfill({ response: res, body: html });
  });
  await page.route(/\/react-spa\/app\.js$/, async (route) => {
    await page.waitForFunction(() => document.querySelector('[data-kairos-slot="hero"][data-kairos-state="decided"]'), undefined, { polling: 20, timeout: 10_000 });
    await route.continue();
  });
};

/**
 * Gives the app's `start()` the journey's budget, as the kit gives the script tag its
 * `data-timeout`: the SDK's default 300 ms is too short next to workerd on a busy machine.
 */
const withBudget = (page: Page) =>
  page.route(/\/react-spa\/app\.js$/, async (route) => {
    const res = await route.fetch();
    const js = await res.text();
    const call = "start({ site: \"demo\" })";
    if (!js.includes(call)) throw new Error(`app.js no longer calls ${call}: update this journey`);
    await route.fulfill({ response: res, body: js.replace(call, "start({ site: \"demo\", timeout: 5e3 })") });
  });

for (const sdk of ['start()', 'script tag'] as const) {
  test(`React SPA with ${sdk}: slots decide on each route, survive re-renders, and React says nothing`, async ({ journey, page }) => {
    const said: string[] = [];
    page.on('console', (m) => ['error', 'warning', 'assert'].includes(m.type()) && said.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => said.push(`pageerror: ${e.message}`));
    await (sdk === 'script tag' ? withScriptTag(page, journey) : withBudget(page));

    const res = await journey.open('/react-spa/');
    const html = await res!.text();
    if (journey.proxy) {
      // Edge rendering: the hero arrives decided in the HTML, the server's default replaced.
      expect(html).toMatch(/<section class="hero[^"]*" aria-label="Featured" data-kairos-slot="hero" data-kairos-variant="winter-sale-hero"[^>]* data-kairos-edge="decided"/);
      expect(html).not.toContain('Gear for the mountains');
    } else {
      // Server-rendered: the defaults are in the HTML before any script runs.
      expect(html).toContain('<section class="hero" aria-label="Featured" data-kairos-slot="hero"><h2>Gear for the mountains</h2>');
    }
    expect(await journey.decision('hero')).toMatchObject({ variant: 'winter-sale-hero', outcome: 'match' });
    expect(await journey.decision('promo')).toMatchObject({ variant: 'winter-code' });
    await expect(journey.slot('hero')).toHaveAttribute('data-kairos-state', 'decided');
    const hero = await journey.slotText('hero');
    expect(hero).not.toContain('Gear for the mountains');
    // The decision read through React (useKairosDecision).
    await expect(page.locator('[data-shows="hero"]')).toHaveText('hero: winter-sale-hero (match)');

    // A re-render of the whole app leaves the variant where the SDK put it.
    const again = page.getByRole('button', { name: /Re-render/ });
    await again.click();
    await again.click();
    await expect(again).toHaveText('Re-render (2)');
    expect(await journey.slotText('hero')).toBe(hero);

    // Client-side route: new slots, decided on that route.
    await page.getByRole('link', { name: 'Deals' }).click();
    await expect(page).toHaveURL(/\/react-spa\/deals\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deals');
    expect(await journey.decision('product-cta')).toMatchObject({ variant: 'free-returns', outcome: 'match' });
    const recs = await journey.decision('recs');
    await expect(journey.slot('recs')).toHaveAttribute('data-kairos-state', recs.variant ? 'decided' : 'default');
    await expect(journey.slot('product-cta')).toHaveAttribute('data-kairos-state', 'decided');
    await expect(journey.slot('product-cta')).not.toHaveText('Add to cart');
    await again.click();
    await expect(journey.slot('product-cta')).toHaveAttribute('data-kairos-state', 'decided');
    await expect(journey.slot('product-cta')).not.toHaveText('Add to cart');

    // Back: the home route's slots are new elements, decided again.
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Home');
    expect(await journey.decision('hero', { nth: 2 })).toMatchObject({ variant: 'winter-sale-hero' });
    await expect(journey.slot('hero')).toHaveAttribute('data-kairos-state', 'decided');
    await expect(journey.slot('hero')).not.toContainText('Gear for the mountains');
    expect(said).toEqual([]);
  });
}
