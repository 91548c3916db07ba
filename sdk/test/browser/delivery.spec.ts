// Delivery: the IIFE served by the edge with caching and a version, the endpoint
// defaulting to the script's own origin (CORS), data-endpoint, the ESM build.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, ready, sdkOutput, slot, test } from './harness';

const manifest = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'manifest.json'), 'utf8')) as { chunks: string };

test('the edge serves kairos.js with a short cache, versioned chunks with a long one', async ({ request, site }) => {
  const js = await request.get(`${site.edge}/kairos.js`);
  expect(js.status()).toBe(200);
  expect(js.headers()['content-type']).toContain('javascript');
  expect(js.headers()['cache-control']).toMatch(/max-age=\d+/);
  expect(js.headers()['etag']).toBeTruthy();
  const chunk = await request.get(`${site.edge}/kairos-events.js?v=${manifest.chunks}`);
  expect(chunk.status()).toBe(200);
  expect(chunk.headers()['cache-control']).toContain('immutable');
  expect(chunk.headers()['access-control-allow-origin']).toBe('*');
});

test("the endpoint defaults to the script's origin: a page on another origin decides through CORS", async ({ page, site }) => {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  await page.goto(`${site.pages}/?utm_campaign=spring`);
  await ready(page);
  expect(new URL(site.pages).origin).not.toBe(new URL(site.edge).origin);
  expect(urls).toContain(`${site.edge}/v1/decide`);
  expect(urls).toContain(`${site.edge}/kairos-events.js?v=${manifest.chunks}`);
  expect(await slot(page, 'hero')).toMatchObject({ text: 'Spring sale' });
});

test('data-endpoint points the SDK at another edge; a chunk that fails to load is silent', async ({ page, site, errors }) => {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  // The script comes from the page's own origin (which has no chunks), the API from the edge.
  await page.goto(`${site.pages}/?utm_campaign=spring&k_src=/kairos.js&k_endpoint=${encodeURIComponent(site.edge)}`);
  const d = await ready(page);
  expect(d.hero).toMatchObject({ variant: 'spring-sale' });
  expect(urls).toContain(`${site.edge}/v1/decide`);
  await expect.poll(() => urls.some((u) => u.startsWith(`${site.pages}/kairos-watch.js?v=`))).toBe(true);
  await page.click('#buy');
  expect(sdkOutput(errors)).toEqual([]);
});

test('the ESM build works for bundler users (start() with options)', async ({ page, site, errors }) => {
  await page.goto(`${site.pages}/esm.html?utm_campaign=spring`);
  const d = await ready(page);
  expect(d.hero).toMatchObject({ variant: 'spring-sale' });
  expect(await slot(page, 'rich')).toMatchObject({ state: 'decided' });
  expect(errors).toEqual([]);
});
