// Edge rendering (proxy mode, e2e/playwright.proxy.config.ts): the edge fills the slots in the
// HTML as it streams, so they wait 0 ms; the SDK only tracks them, from each slot's
// data-kairos-decision (README, "Edge rendering").
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/index.ts';

interface EdgeDecision {
  slot: string;
  variant?: string;
  rule?: string;
  reason: { id: string; outcome: string };
  token?: string;
  visitor: string;
}

const SEARCH = { referrer: 'https://www.google.com/', utm: { source: 'google', medium: 'cpc', term: 'ski boots' } };
// With consent the visitor's id rides in the kairos_vid cookie, and the hero (one of its rules
// reads stored behaviour) is the browser's; the promo of the newsletter campaign is the edge's.
const NEWSLETTER = { utm: { source: 'newsletter', medium: 'email', campaign: 'winter-sale-2026' } };
const PROMO = 'promo:email-winter-sale:winter-code';

/** Each slot's data-kairos-decision on the current page, parsed. */
const edgeDecisions = (page: Page): Promise<Record<string, EdgeDecision>> =>
  page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-kairos-decision]')].map((el) => [el.getAttribute('data-kairos-slot'), JSON.parse(el.getAttribute('data-kairos-decision')!)])));

test.describe('without any script', () => {
  // No stored record to seed (no script could read it) and no cookie: the edge would make up
  // an id for the page, and one in twenty lands in the holdout. The journey pins one outside it.
  test.use({ visitor: { ...SEARCH, consent: 'pending' }, javaScriptEnabled: false });

  test('the slots arrive decided in the HTML as served and show at once', async ({ journey, page }) => {
    const res = await journey.open('/');
    const html = (await res!.text());
    expect(res!.headers()['cache-control']).toBe('private, no-store');
    for (const slot of ['promo', 'hero', 'recs']) expect(html, slot).toMatch(new RegExp(`data-kairos-slot="${slot}"[^>]*data-kairos-state="(decided|default)"`));
    const hero = page.locator('[data-kairos-slot="hero"]');
    await expect(hero).toHaveAttribute('data-kairos-state', 'decided');
    await expect(hero).toHaveAttribute('data-kairos-variant', 'powder-hero');
    expect(JSON.parse((await hero.getAttribute('data-kairos-decision'))!)).toMatchObject({ visitor: journey.id });
    // No script ran, so the anti-flicker CSS alone decides: a slot with a state is not hidden.
    await expect(hero).toBeVisible();
    await expect(hero).toContainText('You searched “ski boots”');
  });
});

test.describe('with the SDK', () => {
  test.use({ visitor: NEWSLETTER });

  test('the SDK takes the edge’s decisions: no decide request for them, the same decision in kairos:decision', async ({ journey, page }) => {
    await journey.open('/');
    const edge = await edgeDecisions(page);
    expect(edge.promo).toMatchObject({ variant: 'winter-code', reason: { id: PROMO }, visitor: journey.id });
    expect(await journey.decision('promo')).toMatchObject({ variant: 'winter-code', outcome: 'match', reason: { id: PROMO } });
    await journey.ready();
    const asked = journey.decideBodies().flatMap((b) => b.slots);
    for (const slot of Object.keys(edge)) expect(asked, `a decide request named the edge-decided slot ${slot}`).not.toContain(slot);
  });

  test('the exposure of an edge-decided slot carries the token and visitor of its data-kairos-decision, and counts', async ({ journey, page }) => {
    // The SDK sends events with fetch keepalive, whose response body Chromium does not hand to
    // Playwright: the request is passed on to the edge from here, so its answer can be read.
    const answers: { body: string; status: number; json: { accepted?: number } }[] = [];
    await page.route('**/v1/events', async (route) => {
      const res = await route.fetch();
      answers.push({ body: route.request().postData() ?? '', status: res.status(), json: (await res.json()) as { accepted?: number } });
      await route.fulfill({ response: res });
    });
    const exposed = page.waitForRequest((r) => r.url().endsWith('/v1/events') && (r.postData() ?? '').includes(`"reason":"${PROMO}"`), { timeout: 10_000 });
    await journey.open('/');
    const promo = (await edgeDecisions(page)).promo!;
    const sent = await exposed;
    const body = JSON.parse(sent.postData() ?? '{}') as { visitor: string; events: { type: string; reason?: string; token?: string }[] };
    expect(body.visitor).toBe(promo.visitor);
    expect(body.events).toContainEqual(expect.objectContaining({ type: 'exposure', reason: promo.reason.id, token: promo.token }));
    await expect.poll(() => answers.find((a) => a.body === sent.postData())?.status, { timeout: 10_000 }).toBe(202);
    expect(answers.find((a) => a.body === sent.postData())!.json.accepted).toBeGreaterThanOrEqual(1);
  });

  test('a slot the edge leaves to the browser says why and is decided by the SDK', async ({ journey, page }) => {
    await journey.open('/');
    // With consent the visitor's stored behaviour lives in the browser: the recommendations are the SDK's.
    await expect(page.locator('[data-kairos-slot="recs"]')).toHaveAttribute('data-kairos-edge', 'client:stored-behaviour');
    expect(await journey.decision('recs')).toMatchObject({ slot: 'recs' });
    expect(journey.decideBodies().flatMap((b) => b.slots)).toContain('recs');
  });
});
