// The feedback loop end to end: a visitor exposed to one arm of the product-cta test
// buys, and the purchase shows up for that arm in the report (JSON and page).
import type { APIRequestContext } from '@playwright/test';
import { expect, onArm, test } from '../fixtures/index.ts';

const SLOT = 'product-cta';
const RULE = 'cta-message-test';
const ARM = 'ships-today';

interface RateStat {
  converters: number;
  conversions: number;
  value: number;
}
interface Report {
  slots: { slot: string; rules: { rule: string; variants: { variant: string; visitors: number; goals: Record<string, RateStat> }[] }[] }[];
}

/** The arm's figures in GET /v1/report, or why there are none. */
async function armFigures(request: APIRequestContext, base: string): Promise<{ ok: true; visitors: number; purchase: RateStat | undefined } | { ok: false; why: string }> {
  const res = await request.get(`${base}/v1/report`, { timeout: 5_000 });
  if (!res.ok()) return { ok: false, why: `GET /v1/report answered ${res.status()}: ${(await res.text()).slice(0, 300)}` };
  const report = (await res.json()) as Report;
  const variant = report.slots.find((s) => s.slot === SLOT)?.rules.find((r) => r.rule === RULE)?.variants.find((v) => v.variant === ARM);
  return { ok: true, visitors: variant?.visitors ?? 0, purchase: variant?.goals.purchase };
}

test.use({ visitor: { id: onArm(SLOT, ARM) } });

test('a purchase after seeing the "ships today" CTA shows up for that arm on /report', async ({ journey, page, request }) => {
  const before = await armFigures(request, journey.base);
  expect(before.ok ? 'ok' : before.why, 'GET /v1/report before the journey').toBe('ok');
  const converters = before.ok ? (before.purchase?.converters ?? 0) : 0;
  const value = before.ok ? (before.purchase?.value ?? 0) : 0;

  // Seen: the arm's exposure goes to the edge.
  const exposed = page.waitForRequest((r) => r.url().endsWith('/v1/events') && (r.postData() ?? '').includes(`"reason":"${SLOT}:${RULE}:${ARM}"`), { timeout: 10_000 });
  await journey.open('/products/running-aero-jacket.html');
  expect(await journey.decision(SLOT)).toMatchObject({ variant: ARM, outcome: 'match' });
  // Below the fold on a laptop screen: the visitor scrolls to it (half in view counts as seen).
  await journey.slot(SLOT).scrollIntoViewIfNeeded();
  expect((await (await exposed).response())?.status()).toBe(202);

  // Bought: add to cart, the cart, Place order; the confirmation page records the purchase (€99, free shipping).
  await page.locator('[data-add-to-cart]').click();
  await expect(page.locator('[data-cart-count]').first()).toHaveText('1');
  await journey.open('/cart.html');
  const purchased = page.waitForRequest((r) => r.url().endsWith('/v1/events') && (r.postData() ?? '').includes('"goal":"purchase"'), { timeout: 10_000 });
  await page.getByRole('button', { name: 'Place order' }).click();
  await page.waitForURL('**/confirmation.html');
  const sent = await purchased;
  expect(JSON.parse(sent.postData() ?? '{}')).toMatchObject({ visitor: journey.id, events: expect.arrayContaining([expect.objectContaining({ goal: 'purchase', value: 99 })]) });
  // (Playwright cannot read the body of a keepalive request's response; the report below shows what was stored.)
  expect((await sent.response())?.status(), 'the purchase accepted by the edge').toBe(202);

  // Reported: the conversion is counted for the arm the visitor saw.
  await expect
    .poll(
      async () => {
        const now = await armFigures(request, journey.base);
        if (!now.ok) return now.why;
        const p = now.purchase;
        return p && p.converters >= converters + 1 && p.value >= value + 99 ? 'counted' : `not yet: ${JSON.stringify(now)}`;
      },
      { message: `the purchase counted for ${SLOT}:${RULE}:${ARM} in GET /v1/report`, timeout: 10_000 },
    )
    .toBe('counted');

  await page.goto(`${journey.base}/report`);
  await expect(page.locator('body')).toContainText(RULE);
  await expect(page.locator('body')).toContainText(ARM);
  await expect(page.locator('body')).toContainText('purchase');
});
