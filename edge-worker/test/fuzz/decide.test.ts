import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { createApp } from '../../src/app.ts';
import { LiveRules } from '../../src/live-rules.ts';
import { acceptsJson, bodiesAround, contentType, slug, text, type BodyInput, type Json } from './arbitraries.ts';
import { expectHealthy, fuzz } from './harness.ts';

const demo = JSON.parse(readFileSync(new URL('../../../demo-site/rules.json', import.meta.url), 'utf8')) as {
  slots: Record<string, { rules: { variants: { id: string }[] }[] }>;
};
const SLOTS = Object.keys(demo.slots);
const VARIANTS = Object.values(demo.slots).flatMap((s) => s.rules.flatMap((r) => r.variants.map((v) => v.id)));
const UAS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36',
  'Googlebot/2.1 (+http://www.google.com/bot.html)', '',
];

const count = fc.oneof(fc.nat(1000), fc.double({ min: 0, max: 1e6, noNaN: true }));
const counts = (key: fc.Arbitrary<string>) => fc.dictionary(key, count, { maxKeys: 8, noNullPrototype: true });
const opt = { requiredKeys: [] as never[] };

/** Decide bodies the SDK could send: every field within its bounds. */
const validDecide: fc.Arbitrary<Json> = fc.record({
  site: fc.constant('demo'),
  slots: fc.uniqueArray(fc.constantFrom(...SLOTS, 'no-such-slot'), { minLength: 1, maxLength: 5 }),
  visitor: fc.oneof(fc.uuid(), slug, fc.string({ minLength: 1, maxLength: 128 })),
  consent: fc.record({ personalization: fc.boolean(), analytics: fc.boolean() }),
  signals: fc.record({
    page: fc.record({ path: fc.oneof(fc.constantFrom('/', '/ski.html', '/products/ski-alpine-pro.html'), text(2048)), title: text(2048), type: text(64) }, opt),
    referrer: fc.oneof(fc.constantFrom('www.google.com', 't.co', 'news.ycombinator.com', 'mail.google.com', 'localhost', ''), fc.domain(), text(2048)),
    utm: fc.record({ source: text(512), medium: fc.constantFrom('email', 'cpc', 'social'), campaign: fc.constantFrom('winter-sale-2026', 'x'), term: fc.constantFrom('ski boots', 'powder', ''), content: text(512) }, opt),
    clickIds: fc.array(fc.constantFrom('gclid', 'fbclid', 'msclkid', 'x'), { maxLength: 4 }),
    ua: fc.oneof(fc.constantFrom(...UAS), text(2048)),
    uaData: fc.record({ mobile: fc.boolean(), platform: fc.constantFrom('Android', 'macOS', 'Windows', ''), brands: fc.array(fc.record({ brand: text(128), version: text(64) }), { maxLength: 3 }) }, opt),
    touch: fc.boolean(),
    viewport: fc.record({ width: fc.nat(8000), height: fc.nat(8000) }, opt),
    saveData: fc.boolean(),
    language: fc.oneof(fc.constantFrom('en', 'de-CH', 'fr-FR', 'zz', ''), text(64)),
    time: fc.record({ hour: fc.integer({ min: 0, max: 23 }), weekday: fc.integer({ min: 0, max: 6 }), timezone: fc.oneof(fc.constantFrom('Europe/Zurich', 'America/New_York', 'UTC', 'Mars/Olympus', ''), text(64)) }, opt),
    session: fc.record({ pageviews: fc.nat(500), landing: text(2048), isNew: fc.boolean() }, opt),
    visitor: fc.record({ sessions: fc.nat(500), firstSeen: fc.nat(2 ** 42) }, opt),
    views: fc.array(fc.record({ id: fc.string({ minLength: 1, maxLength: 40 }), tags: fc.array(fc.constantFrom('ski', 'running', 'camping', 'sale', ''), { maxLength: 10 }), at: fc.nat(2 ** 42) }), { maxLength: 20 }),
    interests: counts(fc.constantFrom('ski', 'running', 'camping', 'x')),
    conversions: counts(fc.constantFrom('purchase', 'add-to-cart', 'x')),
    exposures: fc.record({ visitor: counts(fc.constantFrom('hero/mobile-hero', 'promo/evening-offer', 'a/b')), session: counts(fc.constantFrom('hero/mobile-hero', 'x/y')) }, opt),
  }, opt),
  preview: fc.dictionary(fc.constantFrom(...SLOTS), fc.constantFrom(...VARIANTS, 'nope'), { minKeys: 1, maxKeys: 3, noNullPrototype: true }),
  debug: fc.boolean(),
}, { requiredKeys: ['site', 'slots', 'visitor', 'consent', 'signals'] }) as fc.Arbitrary<Json>;

interface DecideInput extends BodyInput {
  contentType: string | undefined;
  headers: Record<string, string>;
}

const headerValue = fc.oneof(fc.constantFrom('CH', 'XX', 'ch', '', 'null', 'https://shop.example', 'http://[::1]:80', 'http://%zz', 'file:///etc'), fc.string({ maxLength: 30 }));
const decideInputs: fc.Arbitrary<DecideInput> = fc.record({
  input: bodiesAround(validDecide),
  contentType,
  headers: fc.record({ origin: headerValue, 'x-kairos-country': headerValue, 'cf-ipcountry': headerValue, 'user-agent': fc.oneof(fc.constantFrom(...UAS), headerValue) }, opt),
}).map(({ input, contentType: ct, headers }) => ({ ...input, contentType: ct, headers }));

let app: Hono;
beforeAll(async () => {
  const rules = new LiveRules();
  const r = await rules.load(readFileSync(new URL('../../../demo-site/rules.json', import.meta.url), 'utf8'));
  expect(r.errors).toEqual([]);
  app = createApp({ rules, secret: 'fuzz-secret' });
});

async function check(input: DecideInput): Promise<string> {
  const headers = new Headers(input.headers);
  if (input.contentType !== undefined) headers.set('content-type', input.contentType);
  const req = new Request('http://localhost/v1/decide', { method: 'POST', headers, body: input.body });
  // What the edge sees: a string body without a type goes as text/plain.
  const sentType = req.headers.get('content-type') ?? undefined;
  const res = await app.request(req);
  const answer = await res.text();
  const what = `${res.status} ${answer.slice(0, 300)}`;
  if (res.status >= 500) throw new Error(`5xx: ${what}`);
  expect([200, 400, 404, 413, 415, 422], what).toContain(res.status);
  const json = JSON.parse(answer) as { decisions?: Record<string, unknown>; error?: { code: string; message: string } };
  if (res.status === 200) {
    expect(Object.keys(json.decisions ?? {}).length, what).toBeGreaterThan(0);
  } else {
    expect(typeof json.error?.code, what).toBe('string');
    expect(json.error!.message.length, what).toBeGreaterThan(0);
  }
  if (!acceptsJson(sentType)) expect(res.status, what).toBe(415);
  if (input.kind === 'valid' && acceptsJson(sentType)) expect(res.status, what).toBe(200);
  return res.status === 200 ? '200' : `${res.status} ${json.error!.code}`;
}

describe('fuzz: POST /v1/decide', () => {
  it('answers every input with a 200 or a clear 4xx, bounded, without pollution or a leak', async () => {
    const report = await fuzz('decide', decideInputs, check, (i) => i.kind);
    expectHealthy('POST /v1/decide', report);
  }, 300_000);
});
