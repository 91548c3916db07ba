// The first-party cookies (kairos_vid, kairos_tz) and their localStorage copies: set only
// with personalization consent, renewed for the stored record, deleted on withdrawal and
// forget(); and what the visitor cookie's copy tells a first decide: without it no record
// is stored, so nothing is waited for.
import type { Page } from '@playwright/test';
import type { DecideRequest } from '../../src/types';
import { expect, ready, seed, stored, test } from './harness';

const ours = async (page: Page) => Object.fromEntries((await page.context().cookies()).filter((c) => c.name.startsWith('kairos_')).map((c) => [c.name, c]));
const DAY_S = 86_400;
/** The copies the SDK keeps in localStorage, by name. */
const copies = (page: Page) =>
  page.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('kairos_')).map((k) => [k, localStorage.getItem(k)])));

test('with personalization consent: kairos_vid is the stored record id, kairos_tz the zone, site-wide, Lax, for 180 days', async ({ page, site }) => {
  await page.goto(`${site.pages}/`);
  await ready(page);
  await expect.poll(async () => Object.keys(await ours(page)).sort()).toEqual(['kairos_tz', 'kairos_vid']);
  const c = await ours(page);
  expect(c.kairos_vid!.value).toBe(((await stored(page)) as { id: string }).id);
  expect(c.kairos_tz!.value).toBe(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone));
  expect(await copies(page)).toEqual({ kairos_vid: c.kairos_vid!.value, kairos_tz: c.kairos_tz!.value });
  for (const k of ['kairos_vid', 'kairos_tz']) {
    expect(c[k]).toMatchObject({ path: '/', sameSite: 'Lax', httpOnly: false, secure: false });
    const days = (c[k]!.expires - Date.now() / 1000) / DAY_S;
    expect(days).toBeGreaterThan(179);
    expect(days).toBeLessThanOrEqual(180);
  }
});

for (const how of ['data-consent="denied"', 'data-consent="pending"', 'navigator.globalPrivacyControl']) {
  test(`${how}: no cookie, and one left from an earlier consented page is deleted with its copy`, async ({ page, site }) => {
    if (how.startsWith('navigator')) await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
    const u = new URL(site.pages);
    await page.context().addCookies(['kairos_vid', 'kairos_tz'].map((name) => ({ name, value: 'earlier', domain: u.hostname, path: '/' })));
    await page.goto(`${site.pages}/blank.html`);
    await page.evaluate(() => (localStorage.setItem('kairos_vid', 'earlier'), localStorage.setItem('kairos_tz', 'earlier')));
    await page.goto(`${site.pages}/${how.includes('denied') ? '?k_consent=denied' : how.includes('pending') ? '?k_consent=pending' : ''}`);
    await ready(page);
    await expect.poll(() => ours(page)).toEqual({});
    await expect.poll(() => copies(page)).toEqual({});
  });
}

test('without consent a copy left alone (its cookie expired) is deleted too', async ({ page, site }) => {
  await page.goto(`${site.pages}/blank.html`);
  await page.evaluate(() => localStorage.setItem('kairos_vid', 'earlier'));
  await page.goto(`${site.pages}/?k_consent=denied`);
  await ready(page);
  await expect.poll(() => copies(page)).toEqual({});
  expect(await ours(page)).toEqual({});
});

test('withdrawing personalization deletes both cookies at once; granting it sets them again', async ({ page, site }) => {
  await page.goto(`${site.pages}/`);
  await ready(page);
  await expect.poll(async () => Object.keys(await ours(page)).length).toBe(2);
  // In the same task as the call: no later navigation can carry them.
  expect(await page.evaluate(() => (window.kairos!.consent({ personalization: false }), document.cookie))).not.toContain('kairos_');
  expect(await ours(page)).toEqual({});
  expect(await copies(page)).toEqual({});
  await page.evaluate(() => window.kairos!.consent({ personalization: true }));
  await expect.poll(async () => Object.keys(await ours(page)).sort()).toEqual(['kairos_tz', 'kairos_vid']);
});

test('a first page withdrawn before its next task writes no cookie and no copy', async ({ page, site }) => {
  // The SDK sets a first page's cookie in the task after its start; a consent manager's
  // answer in between (pages/withdrawn.html, the ESM build) wins. Every write is recorded: the watch
  // chunk would delete a cookie written by mistake, hiding it from a look at the end.
  await page.addInitScript(() => {
    const w: string[] = ((window as { __writes?: string[] }).__writes = []);
    const d = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
    Object.defineProperty(Document.prototype, 'cookie', { configurable: true, get: d.get, set(v: string) { w.push('cookie ' + v); d.set!.call(this, v); } });
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (this: Storage, k: string, v: string) { w.push('setItem ' + k); return set.call(this, k, v); };
  });
  await page.goto(`${site.pages}/withdrawn.html`);
  await ready(page);
  expect(await page.evaluate(() => window.kairos!.consent())).toEqual({ personalization: false, analytics: true });
  // The watch chunk has run (with consent it would renew the cookies).
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('kairos-watch.js')));
  await page.evaluate(() => new Promise((ok) => setTimeout(ok, 200)));
  const writes = await page.evaluate(() => (window as { __writes?: string[] }).__writes!);
  // Deletions only (max-age=0), of the cookies and their copies that were never there.
  expect(writes.filter((w) => w.startsWith('setItem') || !/max-age=0(;|$)/.test(w))).toEqual([]);
  expect(await ours(page)).toEqual({});
  expect(await copies(page)).toEqual({});
});

test('forget() deletes both cookies and their copies', async ({ page, site }) => {
  await page.goto(`${site.pages}/`);
  await ready(page);
  await expect.poll(async () => Object.keys(await ours(page)).length).toBe(2);
  expect(await page.evaluate(() => (void window.kairos!.forget(), document.cookie))).not.toContain('kairos_');
  expect(await copies(page)).toEqual({});
});

test('without the visitor cookie\'s copy the first decide does not wait for storage; with it, it goes with the stored record', async ({ page, site }) => {
  const t = Date.now() - 31 * 60_000;
  await seed(page, site.pages, { v: 1, id: 'stored-visitor', f: t, n: 3, t, pv: 1, l: '/', vw: [], i: {}, it: t, c: {}, e: {}, se: {}, q: [] });
  const bodies: DecideRequest[] = [];
  page.on('request', (r) => r.url().endsWith('/v1/decide') && bodies.push(JSON.parse(r.postData()!)));
  // The seed set the cookie and its copy: the decide waits for storage and sends the stored behaviour.
  await page.goto(`${site.pages}/?k_nocontent=1`);
  await ready(page);
  expect(bodies[0]).toMatchObject({ visitor: 'stored-visitor', signals: { visitor: { sessions: 4 } } });
  // Without the copy (a browser that, as far as the SDK knows, stores nothing), the decide
  // goes in the task that started the SDK, before storage can have answered: the record in
  // memory. The cookie alone is not read: it is left in place.
  await page.evaluate(() => localStorage.removeItem('kairos_vid'));
  await page.goto(`${site.pages}/?k_nocontent=1`);
  await ready(page);
  expect(bodies[1]!.visitor).not.toBe('stored-visitor');
  expect(bodies[1]!.signals.visitor).toEqual({ sessions: 1, firstSeen: expect.any(Number) });
  // Storage answered afterwards: the stored record is current again, and the cookie and its copy name it.
  await expect.poll(async () => (await ours(page)).kairos_vid?.value).toBe('stored-visitor');
  await expect.poll(async () => (await copies(page)).kairos_vid).toBe('stored-visitor');
});
