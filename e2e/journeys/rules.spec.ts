// Every rule of demo-site/rules.json, hit and missed: one journey each way, as
// demo-site/README.md says to trigger it. The defaults of the kit's visitor (a
// desktop, 10:30 this morning in Zurich, from the US, direct, consent granted) match no rule.
import type { Page } from '@playwright/test';
import { expect, inHoldout, test, wallTime, type Journey, type Visitor } from '../fixtures/index.ts';

/** One way through the shop, and what the slot shows at the end. */
interface Trip {
  visitor?: Visitor;
  /** Steps before the last page (content views, a purchase). */
  before?: (j: Journey, page: Page) => Promise<void>;
  /** The page the slot is read on. @default '/' */
  path?: string;
  variant: string | undefined;
  outcome: string;
  /** The slot's visible text (matched case-insensitively: CSS uppercases some of it). */
  text: RegExp;
}

interface RuleCase {
  slot: string;
  rule: string;
  hit: Trip & { how: string };
  miss: Trip & { how: string };
}

/** Opens each product page in turn, waiting for its decisions (its content view is stored by then). */
const viewProducts =
  (...slugs: string[]) =>
  async (j: Journey): Promise<void> => {
    for (const slug of slugs) {
      await j.open(`/products/${slug}.html`);
      await j.decision('product-cta');
    }
  };

/** Views products, buys the last one (add to cart → cart → Place order) and waits until the purchase is remembered. */
const buy =
  (category: string, ...slugs: string[]) =>
  async (j: Journey, page: Page): Promise<void> => {
    await viewProducts(...slugs)(j);
    await page.locator('[data-add-to-cart]').click();
    await expect(page.locator('[data-cart-count]').first()).toHaveText('1');
    await j.open('/cart.html');
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL('**/confirmation.html');
    await j.decision('promo');
    await expect.poll(async () => (await j.stored())?.c[`purchase-${category}`] ?? 0, { message: `purchase-${category} remembered` }).toBe(1);
  };

const DEFAULT = {
  promo: /^Free shipping on orders over €75 · free 60-day returns$/,
  hero: /^Winter collection 2026 Gear for the golden hour/,
  recs: /^Best sellers this week/,
  cta: /^Free 60-day returns/,
};
const NEWSLETTER = { source: 'newsletter', medium: 'email', campaign: 'winter-sale' };
// One instant, today: 19:30 in Zurich (evening), 13:30 in New York (afternoon).
const EVENING_IN_ZURICH = wallTime('19:30', 'Europe/Zurich');

const cases: RuleCase[] = [
  {
    slot: 'promo',
    rule: 'email-winter-sale',
    hit: { how: 'the winter-sale newsletter', visitor: { utm: NEWSLETTER }, variant: 'winter-code', outcome: 'match', text: /Subscribers: code WINTER20 takes 20% off outerwear/ },
    miss: { how: 'another newsletter campaign', visitor: { utm: { ...NEWSLETTER, campaign: 'spring-sale' } }, variant: undefined, outcome: 'no-match', text: DEFAULT.promo },
  },
  {
    slot: 'promo',
    rule: 'evening-offer',
    hit: { how: '19:30 local in Zurich', visitor: { at: EVENING_IN_ZURICH, timezone: 'Europe/Zurich' }, variant: 'evening-express', outcome: 'match', text: /Evening express: order by 22:00/ },
    miss: { how: 'the same instant, 13:30 local in New York', visitor: { at: EVENING_IN_ZURICH, timezone: 'America/New_York' }, variant: undefined, outcome: 'no-match', text: DEFAULT.promo },
  },
  {
    slot: 'promo',
    rule: 'alps-delivery',
    hit: { how: 'a visitor in Switzerland', visitor: { country: 'CH' }, variant: 'alps-2-day', outcome: 'match', text: /Free 2-day delivery to CH and everywhere in the Alps/ },
    miss: { how: 'a visitor in the UK', visitor: { country: 'GB' }, variant: undefined, outcome: 'no-match', text: DEFAULT.promo },
  },
  {
    slot: 'hero',
    rule: 'search-ski-term',
    hit: {
      how: 'a paid search for "ski boots"',
      visitor: { referrer: 'https://www.google.com/', utm: { source: 'google', medium: 'cpc', term: 'ski boots' } },
      variant: 'powder-hero',
      outcome: 'match',
      text: /You searched “ski boots” Fresh powder, freshly waxed skis/,
    },
    miss: {
      how: 'a paid search for "tent"',
      visitor: { referrer: 'https://www.google.com/', utm: { source: 'google', medium: 'cpc', term: 'tent' } },
      variant: undefined,
      outcome: 'no-match',
      text: DEFAULT.hero,
    },
  },
  {
    slot: 'hero',
    rule: 'email-winter-sale',
    hit: { how: 'the winter-sale newsletter', visitor: { utm: NEWSLETTER }, variant: 'winter-sale-hero', outcome: 'match', text: /From the winter-sale newsletter 20% off outerwear/ },
    miss: { how: 'another newsletter campaign', visitor: { utm: { ...NEWSLETTER, campaign: 'summer-news' } }, variant: undefined, outcome: 'no-match', text: DEFAULT.hero },
  },
  {
    slot: 'hero',
    rule: 'social-visitors',
    hit: { how: 'a link from Instagram', visitor: { referrer: 'https://www.instagram.com/' }, variant: 'trail-kit-hero', outcome: 'match', text: /As seen on instagram The trail kit everyone asks about/ },
    miss: { how: 'an organic search without a term', visitor: { referrer: 'https://www.bing.com/' }, variant: undefined, outcome: 'no-match', text: DEFAULT.hero },
  },
  {
    slot: 'hero',
    rule: 'returning-welcome',
    hit: { how: 'a returning visitor', visitor: { returning: true }, variant: 'welcome-back', outcome: 'match', text: /Welcome back Good to see you again/ },
    // Without personalization consent the rule is skipped, and the slot says why.
    miss: { how: 'without consent, the rule is skipped', visitor: { consent: 'denied' }, variant: undefined, outcome: 'consent', text: DEFAULT.hero },
  },
  {
    slot: 'hero',
    rule: 'mobile-hero',
    hit: { how: 'an iPhone', visitor: { device: 'iPhone 13' }, variant: 'pocket-hero', outcome: 'match', text: /Heading out\? Light gear for today/ },
    miss: { how: 'an iPad (a tablet)', visitor: { device: 'iPad (gen 7)' }, variant: undefined, outcome: 'no-match', text: DEFAULT.hero },
  },
  {
    slot: 'recs',
    rule: 'ski-fans-bundle',
    hit: { how: 'two ski products viewed', before: viewProducts('ski-alpine-pro', 'ski-summit-boots'), variant: 'ski-bundle', outcome: 'match', text: /Your ski bundle — save 15%/ },
    miss: { how: 'one ski product viewed', before: viewProducts('ski-alpine-pro'), variant: undefined, outcome: 'no-match', text: DEFAULT.recs },
  },
  {
    slot: 'recs',
    rule: 'running-viewed',
    hit: { how: 'a running product viewed', before: viewProducts('running-trail-runner'), path: '/camping.html', variant: 'race-day-kit', outcome: 'match', text: /Pick up where you left off/ },
    miss: { how: 'a camping product viewed', before: viewProducts('camping-ember-stove'), path: '/camping.html', variant: undefined, outcome: 'no-match', text: DEFAULT.recs },
  },
  {
    slot: 'recs',
    rule: 'after-ski-purchase',
    // A ski fan who buys skis: the bundle stops (saturation) and the cross-sell takes over.
    hit: { how: 'a ski fan buys skis', before: buy('ski', 'ski-summit-boots', 'ski-alpine-pro'), variant: 'summer-camp-kit', outcome: 'match', text: /Skis sorted\. Ready for summer\?/ },
    // Running shoes bought: no ski purchase, and running-viewed is saturated too.
    miss: { how: 'running shoes bought', before: buy('running', 'running-trail-runner'), variant: undefined, outcome: 'no-match', text: DEFAULT.recs },
  },
  {
    slot: 'product-cta',
    rule: 'cta-message-test',
    hit: { how: 'any visitor, on a product page', path: '/products/camping-ridgeline-tent.html', variant: 'either', outcome: 'match', text: /Free 60-day returns|Order by 15:00, it ships today/ },
    miss: { how: 'a visitor in the holdout', visitor: { id: inHoldout }, path: '/products/camping-ridgeline-tent.html', variant: undefined, outcome: 'holdout', text: DEFAULT.cta },
  },
];

for (const c of cases) {
  for (const [kind, trip] of [['hit', c.hit], ['missed', c.miss]] as const) {
    test.describe(() => {
      test.use({ visitor: trip.visitor ?? {} });
      test(`${c.slot} / ${c.rule} ${kind}: ${trip.how}`, async ({ journey, page }) => {
        await trip.before?.(journey, page);
        await journey.open(trip.path ?? '/');
        const d = await journey.decision(c.slot);
        if (trip.variant === 'either') expect(['free-returns', 'ships-today']).toContain(d.variant);
        else expect(d.variant).toBe(trip.variant);
        expect(d.outcome).toBe(trip.outcome);
        if (trip.variant) expect(d).toMatchObject({ rule: c.rule, state: 'decided', reason: { rule: c.rule } });
        else expect(d.state).toBe('default');
        if (trip.outcome === 'consent') expect(d.reason.skipped).toContainEqual({ rule: c.rule, why: 'consent' });
        expect(await journey.slotText(c.slot)).toMatch(new RegExp(trip.text.source, 'i')); // as shown: eyebrows are uppercase
      });
    });
  }
}
