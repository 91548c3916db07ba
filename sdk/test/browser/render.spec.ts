// Rendering, safely: node trees built with DOM calls, text never parsed, attributes
// and URLs re-checked, tokens escaped; and all of it under a strict CSP with Trusted Types.
import { expect, ready, slot, test } from './harness';

test('text is set as text, tokens are escaped', async ({ page, site }) => {
  await page.goto(`${site.pages}/?utm_term=${encodeURIComponent('<img src=x onerror=window.pwned=1>')}`);
  await ready(page);
  const s = await slot(page, 'escaped');
  expect(s.state).toBe('decided');
  expect(s.text).toBe('You searched <img src=x onerror=window.pwned=1> <b>bold?</b>');
  expect(await page.evaluate(() => document.querySelectorAll('[data-kairos-slot="escaped"] *').length)).toBe(0);
  expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
});

test('html arrives as a node tree and is built with DOM calls; attrs go on the slot', async ({ page, site }) => {
  await page.goto(`${site.pages}/some/path`);
  await ready(page);
  const s = await page.evaluate(() => {
    const el = document.querySelector('[data-kairos-slot="rich"]')!;
    return { cls: el.className, h3: el.querySelector('h3.title em')?.textContent, p: el.querySelector('p')?.textContent, a: el.querySelector('a')?.outerHTML, img: el.querySelector('img')?.getAttribute('src') };
  });
  expect(s.cls).toBe('slot rich');
  expect(s.h3).toBe('there');
  expect(s.p).toBe('You are on /some/path buy');
  expect(s.a).toContain('href="/buy"');
  expect(s.a).toContain('rel="noopener noreferrer"');
  expect(s.img).toBe('/x.png');
});

test('the SDK re-checks tags, attributes and URLs whatever the edge sends (defence in depth)', async ({ page, site, errors }) => {
  await page.route('**/v1/decide', (route) =>
    route.fulfill({
      json: {
        site: 'test',
        rulesVersion: 'evil',
        engineUs: 1,
        interestHalfLifeDays: 7,
        decisions: {
          hero: {
            slot: 'hero',
            variant: 'evil',
            reason: { outcome: 'match', id: 'hero:x:evil' },
            content: {
              attrs: { class: 'ok', onclick: 'window.pwned=1', style: 'display:none', 'data-kairos-slot': 'other' },
              nodes: [
                { e: 'p', a: { onmouseover: 'window.pwned=1', title: 'fine' }, c: [{ t: 'kept <b>as text</b>' }] },
                { e: 'script', c: [{ t: 'window.pwned=1' }] },
                { e: 'iframe', a: { src: 'javascript:window.pwned=1' } },
                { e: 'svg', c: [{ e: 'a', a: { href: 'javascript:window.pwned=1' } }] },
                { e: 'a', a: { href: 'java\tscript:window.pwned=1', id: 'l1' }, c: [{ t: 'l1' }] },
                { e: 'a', a: { href: ' JAVASCRIPT:window.pwned=1', id: 'l2' }, c: [{ t: 'l2' }] },
                { e: 'img', a: { src: 'data:image/svg+xml,<svg onload=alert(1)>', id: 'i1', srcset: 'x.png 1x, javascript:x 2x' } },
                { e: 'img', a: { src: '/x.png', id: 'i2', onerror: 'window.pwned=1' } },
                { e: 'a', a: { href: 'https://shop.example/ok', id: 'l3' }, c: [{ t: 'ok' }] },
              ],
            },
          },
        },
      },
    }),
  );
  await page.goto(`${site.pages}/`);
  await ready(page);
  const r = await page.evaluate(() => {
    const el = document.querySelector('[data-kairos-slot="hero"]')!;
    return {
      attrs: el.getAttributeNames().sort(),
      tags: [...el.querySelectorAll('*')].map((x) => x.tagName.toLowerCase()),
      p: el.querySelector('p')!.getAttributeNames(),
      ptext: el.querySelector('p')!.textContent,
      l1: el.querySelector('#l1')!.getAttribute('href'),
      l2: el.querySelector('#l2')!.getAttribute('href'),
      l3: el.querySelector('#l3')!.getAttribute('href'),
      i1: el.querySelector('#i1')!.getAttributeNames(),
      i2: el.querySelector('#i2')!.getAttributeNames(),
    };
  });
  expect(r.attrs).toEqual(['class', 'data-kairos-slot', 'data-kairos-state']);
  expect(r.tags).toEqual(['p', 'a', 'a', 'img', 'img', 'a']);
  expect(r.p).toEqual(['title']);
  expect(r.ptext).toBe('kept <b>as text</b>');
  expect([r.l1, r.l2, r.l3]).toEqual([null, null, 'https://shop.example/ok']);
  expect(r.i1).toEqual(['id']);
  expect(r.i2.sort()).toEqual(['id', 'src']);
  await page.hover('[data-kairos-slot="hero"] p');
  await page.click('#l1');
  expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
  expect(await page.evaluate(() => document.querySelector('[data-kairos-slot="hero"]')!.getAttribute('data-kairos-slot'))).toBe('hero');
  expect(errors).toEqual([]);
});

test('works under a strict CSP (nonce-based script-src) with Trusted Types required', async ({ page, site, errors }) => {
  const violations: string[] = [];
  page.on('console', (m) => /Content Security Policy|Trusted Type/i.test(m.text()) && violations.push(m.text()));
  await page.addInitScript(() => {
    (window as { cspv?: string[] }).cspv = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { cspv: string[] }).cspv.push(e.violatedDirective + ' ' + e.blockedURI));
  });
  await page.goto(`${site.pages}/path?k_csp=1&k_debug=1&utm_campaign=spring`);
  const d = await ready(page);
  expect(d.hero).toMatchObject({ variant: 'spring-sale' });
  expect(await slot(page, 'rich')).toMatchObject({ state: 'decided' });
  // The lazy chunks load under the same policy: the events chunk (with consent), the overlay (debug).
  await page.waitForSelector('[data-kairos-overlay]');
  await page.waitForFunction(() => ['events', 'vitals', 'overlay'].every((c) => performance.getEntriesByType('resource').some((r) => r.name.includes(`kairos-${c}.js?v=`))));
  expect(await page.evaluate(() => (window as unknown as { cspv: string[] }).cspv)).toEqual([]);
  expect(violations).toEqual([]);
  // Debug mode may log; nothing did here.
  expect(errors.filter((e) => !e.startsWith('console.warning: kairos:'))).toEqual([]);
});
