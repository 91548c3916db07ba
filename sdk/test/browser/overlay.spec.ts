// The debug overlay: collapsed by default so the page stays usable, a minimise and a close
// control, every rule of a no-match slot with why, and previews naming nothing that exists.
import type { Page } from '@playwright/test';
import { expect, ready, test } from './harness';

/** Page controls at the bottom-left, where the overlay sits: one just above its bar, one under it. */
const addControls = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { clicks: string[] };
    w.clicks = [];
    for (const [id, css] of [['above', 'left:8px;bottom:60px'], ['under', 'left:0;bottom:0']] as const) {
      const b = document.createElement('button');
      b.id = id;
      b.textContent = id;
      b.style.cssText = `position:fixed;${css};width:240px;height:40px;z-index:10`;
      b.onclick = () => w.clicks.push(id);
      document.body.append(b);
    }
  });
const clicks = (page: Page) => page.evaluate(() => (window as unknown as { clicks: string[] }).clicks);
/** True when a click at the centre of `#id` would reach it, not something on top of it. */
const reachable = (page: Page, id: string) =>
  page.evaluate((id) => {
    const r = document.getElementById(id)!.getBoundingClientRect();
    return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)?.id === id;
  }, id);

test('starts collapsed to one small bar, so a control where its panel opens stays clickable; it minimises and closes', async ({ page, site }) => {
  await page.goto(`${site.pages}/?kairos_debug=1&utm_campaign=spring`);
  await ready(page);
  const overlay = page.locator('[data-kairos-overlay]');
  await expect(overlay).toBeVisible();
  await addControls(page);
  const bar = overlay.locator('button[aria-expanded]');
  await expect(bar).toHaveAttribute('aria-expanded', 'false');
  await expect(bar).toContainText('decided');
  await expect(overlay.locator('ol')).toBeHidden();
  const box = (await overlay.boundingBox())!;
  expect(box.height).toBeLessThanOrEqual(40);
  expect(box.width).toBeLessThanOrEqual(360);
  await page.locator('#above').click({ timeout: 2_000 });
  expect(await clicks(page)).toEqual(['above']);

  // Opened, the panel covers that control (so the check above could fail) …
  await bar.click();
  await expect(overlay.locator('ol')).toBeVisible();
  await expect(overlay.locator('li[data-slot="hero"]')).toContainText('hero → spring-sale · match · rule spring');
  expect(await reachable(page, 'above')).toBe(false);
  // … until it is minimised again.
  await bar.click();
  await expect(overlay.locator('ol')).toBeHidden();
  expect(await reachable(page, 'above')).toBe(true);

  // The bar itself sits over the corner control; closing removes it.
  expect(await reachable(page, 'under')).toBe(false);
  await overlay.getByRole('button', { name: 'Close' }).click();
  await expect(overlay).toHaveCount(0);
  await page.locator('#under').click({ timeout: 2_000 });
  expect(await clicks(page)).toEqual(['above', 'under']);
});

test('a no-match slot lists each rule of the slot and why it did not apply', async ({ page, site }) => {
  await page.goto(`${site.pages}/?kairos_debug=1`);
  const d = await ready(page);
  expect(d.hero).toMatchObject({ outcome: 'no-match' });
  const overlay = page.locator('[data-kairos-overlay]');
  await overlay.locator('button[aria-expanded]').click();
  const why = overlay.locator('li[data-slot="hero"] li');
  await expect(why).toHaveText([
    'ski-search: when["referrer.type"] wants "search"; the context has "direct"',
    'spring: when["utm.campaign"] wants "spring"; the context has ""',
    // The fixture page is a view tagged ski: one so far.
    'ski-fans: when["interests.ski"] wants {"$gte":2}; the context has 1',
    'returning: when["visitor.returning"] wants true; the context has false',
  ]);
  // A slot that got a variant lists none.
  await expect(overlay.locator('li[data-slot="device"] li')).toHaveCount(0);
});

test('a preview naming a variant, or a slot, that does not exist says so in the reason and the overlay', async ({ page, site }) => {
  await page.goto(`${site.pages}/?kairos_debug=1&kairos_preview=hero:no-such-variant,ghost:v,nowhere:v,device:big-screen`);
  const d = await ready(page);
  expect(d.hero!.reason.previewRefused).toBe('unknown-variant');
  expect(d.ghost!.reason).toMatchObject({ outcome: 'unknown-slot', previewRefused: 'unknown-slot' });
  expect(d.device).toMatchObject({ outcome: 'preview', variant: 'big-screen' });
  const overlay = page.locator('[data-kairos-overlay]');
  await overlay.locator('button[aria-expanded]').click();
  await expect(overlay.locator('li[data-slot="hero"]')).toContainText('preview refused: unknown-variant');
  await expect(overlay.locator('li[data-slot="ghost"]')).toContainText('preview refused: unknown-slot');
  await expect(overlay.locator('li[data-slot="device"]')).not.toContainText('refused');
  await expect(overlay.locator('ol > li', { hasText: 'preview nowhere' })).toHaveText('preview nowhere: no such slot on this page');
});
