// QA and debugging: preview, the debug overlay, on('decision') and the DOM event.
import type { DecideRequest, SlotDecision } from '../../src/types';
import { expect, ready, slot, test } from './harness';

test('?kairos_preview=slot:variant forces a variant', async ({ page, site }) => {
  const bodies: DecideRequest[] = [];
  page.on('request', (r) => r.url().endsWith('/v1/decide') && bodies.push(JSON.parse(r.postData()!)));
  await page.goto(`${site.pages}/?kairos_preview=hero:ski-hero,rich:v`);
  const d = await ready(page);
  expect(bodies[0]!.preview).toEqual({ hero: 'ski-hero', rich: 'v' });
  expect(d.hero).toMatchObject({ variant: 'ski-hero', outcome: 'preview' });
  expect(await slot(page, 'hero')).toMatchObject({ state: 'decided', text: 'Fresh powder this week' });
});

for (const how of ['?kairos_debug=1', '?k_debug=']) {
  test(`${how.startsWith('?kairos') ? '?kairos_debug=1' : 'data-debug'} shows the overlay with each slot's decision and reason`, async ({ page, site }) => {
    const bodies: DecideRequest[] = [];
    page.on('request', (r) => r.url().endsWith('/v1/decide') && bodies.push(JSON.parse(r.postData()!)));
    await page.goto(`${site.pages}/${how}&utm_campaign=spring`.replace('/?&', '/?').replace(/\/\?k_debug=&/, '/?k_debug=&'));
    await ready(page);
    expect(bodies[0]!.debug).toBe(true);
    const overlay = page.locator('[data-kairos-overlay]');
    await expect(overlay).toBeVisible();
    await expect(overlay.locator('li[data-slot="hero"]')).toContainText('hero → spring-sale · match · rule spring');
    await expect(overlay.locator('li[data-slot="hero"]')).toContainText('hero:spring:spring-sale');
    await expect(overlay.locator('li[data-slot="ghost"]')).toContainText('ghost → default · unknown-slot');
    // It follows slots decided later.
    await page.evaluate(() => {
      const s = document.createElement('section');
      s.setAttribute('data-kairos-slot', 'late');
      document.body.append(s);
    });
    await expect(overlay.locator('li[data-slot="late"]')).toContainText('late → v');
  });
}

test('no overlay and no debug flag without debug', async ({ page, site }) => {
  const bodies: DecideRequest[] = [];
  page.on('request', (r) => r.url().endsWith('/v1/decide') && bodies.push(JSON.parse(r.postData()!)));
  await page.goto(`${site.pages}/`);
  await ready(page);
  // The flag goes as false (cheaper in the core than leaving it out): the edge then sends no context.
  expect(bodies[0]!.debug).toBe(false);
  expect(await page.locator('[data-kairos-overlay]').count()).toBe(0);
});

test("kairos.on('decision') and a bubbling kairos:decision DOM event per slot", async ({ page, site }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { dom: unknown[] };
    w.dom = [];
    document.addEventListener('kairos:decision', (e) => w.dom.push({ target: (e.target as Element).getAttribute('data-kairos-slot'), detail: (e as CustomEvent).detail }));
  });
  await page.goto(`${site.pages}/?utm_campaign=spring`);
  await page.waitForFunction(() => !!window.kairos);
  const seen = await page.evaluate(async () => {
    const got: SlotDecision[] = [];
    const off = window.kairos!.on('decision', (d) => got.push(d));
    window.kairos!.on('decision', () => {
      throw new Error('a broken listener');
    });
    await window.kairos!.ready;
    const s = document.createElement('section');
    s.setAttribute('data-kairos-slot', 'late');
    document.body.append(s);
    await window.kairos!.refresh();
    off();
    const s2 = document.createElement('section');
    s2.setAttribute('data-kairos-slot', 'late');
    document.body.append(s2);
    await window.kairos!.refresh();
    return got.map((d) => d.slot);
  });
  expect(seen).toContain('late');
  expect(seen.filter((s) => s === 'late')).toHaveLength(1);
  const dom = await page.evaluate(() => (window as unknown as { dom: { target: string; detail: SlotDecision }[] }).dom);
  const hero = dom.find((x) => x.target === 'hero')!;
  expect(hero.detail).toMatchObject({ slot: 'hero', variant: 'spring-sale', outcome: 'match', reason: { id: 'hero:spring:spring-sale', rule: 'spring' } });
});

test('?kairos_debug=1 and ?kairos_preview= follow links within the site for the tab session; =0 and an empty preview turn them off', async ({ page, site }) => {
  const bodies: DecideRequest[] = [];
  page.on('request', (r) => r.url().endsWith('/v1/decide') && bodies.push(JSON.parse(r.postData()!)));
  const overlay = page.locator('[data-kairos-overlay]');
  const follow = async (href: string) => {
    await page.evaluate((h) => {
      const a = Object.assign(document.createElement('a'), { id: 'go', href: h, textContent: 'go' });
      document.body.prepend(a);
    }, href);
    await Promise.all([page.waitForURL((u) => u.pathname === href.split('?')[0]), page.click('#go')]);
    return ready(page);
  };
  await page.goto(`${site.pages}/?kairos_debug=1&kairos_preview=hero:ski-hero`);
  await ready(page);
  await expect(overlay).toBeVisible();
  // A link of the site without the parameters: both still apply on the next page.
  const d = await follow('/next');
  expect(new URL(page.url()).searchParams.get('kairos_preview')).toBe('hero:ski-hero');
  expect(bodies.at(-1)).toMatchObject({ debug: true, preview: { hero: 'ski-hero' } });
  expect(d.hero).toMatchObject({ variant: 'ski-hero', outcome: 'preview' });
  await expect(overlay).toBeVisible();
  // Turned off: the next link carries nothing.
  await page.goto(`${site.pages}/off?kairos_debug=0&kairos_preview=`);
  await ready(page);
  await expect.poll(() => page.evaluate(() => sessionStorage.length)).toBe(0);
  const after = await follow('/after');
  expect(page.url()).toBe(`${site.pages}/after`);
  expect(bodies.at(-1)!.debug).toBe(false);
  expect(bodies.at(-1)!.preview).toBeUndefined();
  expect(after.hero!.outcome).not.toBe('preview');
});
