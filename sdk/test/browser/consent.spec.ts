// Consent and privacy: without consent nothing is stored and no event leaves the page,
// yet context-only rules personalise; GPC means denied; granting starts storage from
// then on; withdrawing wipes it; forget() erases everything.
import type { DecideRequest } from '../../src/types';
import { expect, hide, loaded, ready, slot, stored, test } from './harness';

const databases = (page: import('@playwright/test').Page) => page.evaluate(() => indexedDB.databases().then((d) => d.map((x) => x.name)));

for (const how of ['data-consent="denied"', 'data-consent="pending"', 'navigator.globalPrivacyControl']) {
  test(`${how}: nothing stored, nothing sent, context rules still personalise`, async ({ page, site, sent, errors }) => {
    if (how.startsWith('navigator')) await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
    const consent = how.includes('denied') ? '&k_consent=denied' : how.includes('pending') ? '&k_consent=pending' : '';
    const bodies: DecideRequest[] = [];
    page.on('request', (r) => r.url().endsWith('/v1/decide') && bodies.push(JSON.parse(r.postData()!)));
    await page.goto(`${site.pages}/?utm_campaign=spring${consent}`);
    const d = await ready(page);
    // A context-only rule (campaign) personalises without consent.
    expect(d.hero).toMatchObject({ variant: 'spring-sale', outcome: 'match' });
    await page.click('#buy');
    await page.evaluate(() => window.kairos!.convert('signup'));
    await page.locator('[data-kairos-slot="below"]').scrollIntoViewIfNeeded();
    await hide(page);
    // Nothing leaves the page: not even the events chunk loads.
    await expect(page.waitForRequest('**/v1/events', { timeout: 1_500 })).rejects.toThrow();
    expect(sent.batches).toEqual([]);
    expect(await loaded(page, 'kairos-events.js')).toBe(0);
    expect(await loaded(page, 'kairos-vitals.js')).toBe(0);
    // Nothing is stored: no database at all.
    expect(await databases(page)).not.toContain('kairos');
    // The edge gets no stored behaviour, and a per-page visitor id.
    const b = bodies[0]!;
    expect(b.consent).toEqual({ personalization: false, analytics: false });
    expect(b.signals.views).toBeUndefined();
    expect(b.signals.interests).toBeUndefined();
    expect(b.signals.visitor).toBeUndefined();
    expect(b.signals.conversions).toBeUndefined();
    await page.reload();
    await ready(page);
    expect(bodies[1]!.visitor).not.toBe(b.visitor);
    expect(await databases(page)).not.toContain('kairos');
    expect(errors).toEqual([]);
  });
}

test('granting consent later starts storage and events from then on', async ({ page, site, sent }) => {
  await page.goto(`${site.pages}/?k_consent=pending`);
  await ready(page);
  await page.click('#buy'); // before consent: never sent, never counted
  expect(await databases(page)).not.toContain('kairos');
  const c = await page.evaluate(() => window.kairos!.consent({ personalization: true, analytics: true }));
  expect(c).toEqual({ personalization: true, analytics: true });
  await expect.poll(async () => ((await stored(page)) as { pv?: number } | null)?.pv).toBe(1);
  await page.evaluate(() => window.kairos!.convert('signup'));
  const e = await sent.waitFor((x) => x.type === 'conversion');
  expect(e).toMatchObject({ goal: 'signup', consent: 'analytics+personalization' });
  await hide(page);
  await sent.waitFor((x) => x.type === 'exposure');
  expect(sent.events().filter((x) => x.type === 'conversion').map((x) => x.goal)).toEqual(['signup']);
  expect(((await stored(page)) as { c: Record<string, number> }).c).toEqual({ signup: 1 });
});

test('analytics consent alone: events are sent, nothing is stored', async ({ page, site, sent }) => {
  await page.goto(`${site.pages}/?k_consent=denied`);
  await ready(page);
  await page.evaluate(() => window.kairos!.consent({ analytics: true }));
  await page.evaluate(() => window.kairos!.convert('signup', { value: 3 }));
  const e = await sent.waitFor((x) => x.type === 'conversion');
  expect(e).toMatchObject({ goal: 'signup', value: 3, consent: 'analytics' });
  expect(await databases(page)).not.toContain('kairos');
});

test('withdrawing personalization wipes what was stored; nothing is stored after', async ({ page, site }) => {
  await page.goto(`${site.pages}/`);
  await ready(page);
  await expect.poll(async () => (await stored(page)) !== null).toBe(true);
  const before = (await stored(page)) as { id: string };
  await page.evaluate(() => window.kairos!.consent({ personalization: false }));
  await expect.poll(() => stored(page)).toBeNull();
  await page.evaluate(() => window.kairos!.view({ id: 'after', tags: ['x'] }));
  await page.evaluate(() => window.kairos!.refresh());
  expect(await stored(page)).toBeNull();
  const ctx = await page.evaluate(() => window.kairos!.context());
  expect(ctx.views).toBeUndefined();
  expect(before.id).toBeTruthy();
});

test('forget() erases everything stored and the visitor id changes', async ({ page, site }) => {
  await page.goto(`${site.pages}/`);
  await ready(page);
  await expect.poll(async () => (await stored(page)) !== null).toBe(true);
  const before = (await stored(page)) as { id: string };
  await page.evaluate(() => window.kairos!.forget());
  expect(await stored(page)).toBeNull();
  // Storage goes on (consent stands), for a new visitor.
  await page.evaluate(() => window.kairos!.view({ id: 'next', tags: [] }));
  await expect.poll(async () => ((await stored(page)) as { id?: string } | null)?.id).toBeTruthy();
  const after = (await stored(page)) as { id: string; vw: { id: string }[] };
  expect(after.id).not.toBe(before.id);
  expect(after.vw.map((v) => v.id)).toEqual(['next']);
});
