// Never breaks the page: no uncaught error, no unhandled rejection, no console output
// (debug off) under any failure; slots always end with their default content.
import { expect, ready, sdkOutput, slot, test } from './harness';

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { rejections: string[] };
    w.rejections = [];
    addEventListener('unhandledrejection', (e) => w.rejections.push(String(e.reason)));
    addEventListener('error', (e) => w.rejections.push('error: ' + e.message));
  });
});

const failures: [string, (route: import('@playwright/test').Route) => unknown, string][] = [
  ['the edge is down', (r) => r.abort('connectionrefused'), 'error'],
  ['the edge answers 503', (r) => r.fulfill({ status: 503, json: { error: { code: 'x' } } }), 'error'],
  ['the edge hangs', () => {}, 'timeout'],
  ['the edge sends malformed JSON', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{"site":"test","decisions":{' }), 'error'],
  ['the edge sends JSON of another shape', (r) => r.fulfill({ json: { decisions: null } }), 'error'],
  ['the edge sends garbage decisions', (r) => r.fulfill({ json: { decisions: { hero: 5, rich: { reason: 'x', content: 7, variant: 'v' } } } }), 'error'],
];
for (const [name, handler, outcome] of failures) {
  test(`${name}: default content, outcome ${outcome}, nothing thrown or logged`, async ({ page, site, errors }) => {
    await page.route('**/v1/decide', handler);
    await page.goto(`${site.pages}/?k_timeout=${outcome === 'timeout' ? 300 : 5000}`);
    const d = await ready(page);
    expect(d.hero!.outcome).toBe(outcome);
    expect(await slot(page, 'hero')).toMatchObject({ text: 'Default hero', state: outcome === 'timeout' ? 'timeout' : 'default' });
    expect(await slot(page, 'below')).toMatchObject({ text: 'Default below' });
    // The API keeps working.
    await page.evaluate(async () => {
      window.kairos!.view({ id: 'x', tags: ['y'] });
      window.kairos!.convert('buy');
      await window.kairos!.refresh();
    });
    expect(await page.evaluate(() => (window as unknown as { rejections: string[] }).rejections)).toEqual([]);
    expect(sdkOutput(errors)).toEqual([]);
  });
}

test('the events endpoint failing breaks nothing', async ({ page, site, errors }) => {
  await page.route('**/v1/events', (r) => r.abort('connectionreset'));
  await page.goto(`${site.pages}/`);
  await ready(page);
  const req = page.waitForRequest('**/v1/events');
  await page.click('#buy');
  await req;
  expect(await page.evaluate(() => (window as unknown as { rejections: string[] }).rejections)).toEqual([]);
  expect(sdkOutput(errors)).toEqual([]);
});

const badOptions = ['k_timeout=abc', 'k_timeout=-1', 'k_consent=maybe', 'k_site=', 'k_site=nope', `k_endpoint=${encodeURIComponent('http://127.0.0.1:9')}`, 'k_endpoint=%3A%3Anot-a-url'];
for (const q of badOptions) {
  test(`bad options (${decodeURIComponent(q)}): slots settle, nothing thrown`, async ({ page, site, errors }) => {
    await page.goto(`${site.pages}/?${q}`);
    const d = await ready(page);
    expect(d.hero).toBeDefined();
    expect(await slot(page, 'hero')).toMatchObject({ text: expect.any(String) });
    expect((await slot(page, 'hero')).state).not.toBeNull();
    expect(await page.evaluate(() => (window as unknown as { rejections: string[] }).rejections)).toEqual([]);
    // A refused connection is logged by the browser itself, not by the SDK.
    expect(sdkOutput(errors)).toEqual([]);
  });
}

test('every public method is guarded against bad arguments', async ({ page, site, errors }) => {
  await page.goto(`${site.pages}/`);
  await ready(page);
  const out = await page.evaluate(async () => {
    const k = window.kairos! as unknown as Record<string, (...a: unknown[]) => unknown>;
    const results: string[] = [];
    const calls: [string, unknown[]][] = [
      ['view', [null]],
      ['view', [{}]],
      ['view', [{ id: 'x', tags: 'not-an-array' }]],
      ['convert', [undefined]],
      ['convert', [Symbol('x')]],
      ['convert', ['x', { value: 'NaN' }]],
      ['consent', ['yes']],
      ['consent', [{ personalization: 'sure' }]],
      ['on', ['decision', null]],
      ['on', [undefined, undefined]],
      ['context', []],
      ['refresh', [1, 2, 3]],
      ['forget', [null]],
    ];
    for (const [m, a] of calls) {
      try {
        const r = k[m]!(...a);
        if (r instanceof Promise) await r;
        results.push(m + ': ok');
      } catch (e) {
        results.push(m + ': threw ' + e);
      }
    }
    // A listener registered with null is called without breaking others.
    const s = document.createElement('section');
    s.setAttribute('data-kairos-slot', 'late');
    document.body.append(s);
    await window.kairos!.refresh();
    return results;
  });
  expect(out.filter((r) => r.includes('threw'))).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { rejections: string[] }).rejections)).toEqual([]);
  expect(errors).toEqual([]);
});

test('a second script tag keeps the first instance', async ({ page, site }) => {
  await page.goto(`${site.pages}/`);
  await ready(page);
  const same = await page.evaluate(
    (edge) =>
      new Promise<boolean>((ok) => {
        const k = window.kairos;
        const s = document.createElement('script');
        s.src = edge + '/kairos.js';
        s.dataset.site = 'test';
        s.onload = () => ok(window.kairos === k);
        document.head.append(s);
      }),
    site.edge,
  );
  expect(same).toBe(true);
});

test('debug mode may log; without debug the SDK is silent even when things fail', async ({ page, site, errors }) => {
  await page.route('**/v1/decide', (r) => r.fulfill({ status: 500, body: 'boom' }));
  await page.goto(`${site.pages}/?k_debug=`);
  await ready(page);
  await expect.poll(() => errors.some((e) => e.startsWith('console.warning: kairos:'))).toBe(true);
});
