import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrigin } from './proxy-origin.ts';
import { startNodeServer } from '../src/adapters/node/server.ts';
import { proxyCacheSuite } from './proxy-cache-suite.ts';
import { proxyDecisionSuite } from './proxy-decision-suite.ts';
import { edgeDecision, slotAttrs } from './proxy-html.ts';
import { proxySuite, type StartEdge } from './proxy-suite.ts';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const PROXY_RULES = new URL('./fixtures/rules.proxy.json', import.meta.url);
const rules = JSON.parse(readFileSync(PROXY_RULES, 'utf8'));

const startEdge: StartEdge = async (origin, timeoutMs, file = PROXY_RULES) => {
  const server = await startNodeServer({ rules: JSON.parse(readFileSync(file, 'utf8')), proxy: { origin, timeoutMs }, log: { log() {}, error() {} } });
  return { url: server.url, close: () => server.close() };
};
proxySuite('Node, html-rewriter-wasm', startEdge);
proxyDecisionSuite('Node, html-rewriter-wasm', startEdge);
proxyCacheSuite('Node, html-rewriter-wasm', startEdge);

// Node has no platform time zone: without the SDK's cookie, time rules wait for the browser.
let origin: Awaited<ReturnType<typeof startOrigin>>;
let edge: Awaited<ReturnType<typeof startNodeServer>>;
beforeAll(async () => {
  origin = await startOrigin(1000);
  edge = await startNodeServer({ rules, proxy: { origin: origin.url }, log: { log() {}, error() {} } });
});
afterAll(async () => {
  await edge?.close();
  await origin?.close();
});

it('leaves time rules to the browser when no time zone is known', async () => {
  const html = await (await fetch(edge.url)).text();
  expect(html).toMatch(/data-kairos-slot="promo" data-kairos-edge="client:timezone"/);
});

it('counts a bandit\'s segment fields as read: the default segment needs the time zone', async () => {
  const learn = await startEdge(origin.url, 1000, new URL('./fixtures/rules.proxy-learn.json', import.meta.url));
  try {
    const page = (cookie: string): Promise<string> => fetch(new URL('/learn', learn.url), { headers: { 'user-agent': BROWSER, cookie } }).then((r) => r.text());
    expect(slotAttrs(await page('kairos_vid=v-1'), 'pick-time')?.['data-kairos-edge']).toBe('client:timezone');
    // The first visitor outside the holdout (30 %), which no bandit enters.
    let d = edgeDecision(await page('kairos_vid=v-0; kairos_tz=Asia%2FTokyo'), 'pick-time');
    for (let i = 1; i < 60 && d.reason.outcome === 'holdout'; i++) d = edgeDecision(await page(`kairos_vid=v-${i}; kairos_tz=Asia%2FTokyo`), 'pick-time');
    expect(d.reason.bandit?.segment).toMatch(/^desktop\|(morning|afternoon|evening|night)\|direct$/);
  } finally {
    await learn.close();
  }
});

describe('the dev headers (x-kairos-now, -timezone, -visitor), for journeys', () => {
  const EVENING = String(Date.UTC(2026, 11, 4, 18, 30)); // 19:30 in Zurich
  const MORNING = Date.UTC(2026, 11, 4, 9, 30); // 10:30 in Zurich
  const edges: Awaited<ReturnType<typeof startNodeServer>>[] = [];
  const start = async (dev: boolean) => {
    const e = await startNodeServer({ rules, dev, now: () => MORNING, proxy: { origin: origin.url }, log: { log() {}, error() {} } });
    edges.push(e);
    return e;
  };
  const page = (url: string, headers: Record<string, string>) => fetch(url, { headers: { 'user-agent': BROWSER, ...headers } });
  afterAll(async () => {
    for (const e of edges) await e.close();
  });

  it('in dev mode, decide time rules with the page\'s time and zone', async () => {
    const dev = await start(true);
    const evening = slotAttrs(await (await page(dev.url, { 'x-kairos-now': EVENING, 'x-kairos-timezone': 'Europe/Zurich' })).text(), 'promo');
    expect(evening?.['data-kairos-edge']).toBe('decided');
    expect(evening?.['data-kairos-variant']).toBe('evening-deal');
    const morning = slotAttrs(await (await page(dev.url, { 'x-kairos-timezone': 'Europe/Zurich' })).text(), 'promo');
    expect(morning?.['data-kairos-outcome']).toBe('no-match');
  });

  it('are refused with a 400 naming them when malformed, in dev mode', async () => {
    const dev = edges[0] ?? (await start(true));
    for (const headers of [{ 'x-kairos-now': 'tonight' }, { 'x-kairos-timezone': 'Mars/Olympus' }, { 'x-kairos-visitor': 'a b' }] as Record<string, string>[]) {
      const res = await page(dev.url, headers);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'bad_dev_header', message: expect.stringContaining(Object.keys(headers)[0]!) });
    }
  });

  it('in dev mode, give a visitor without the cookie the header\'s id, without consent; the cookie wins', async () => {
    const dev = edges[0] ?? (await start(true));
    const none = edgeDecision(await (await page(dev.url, { 'x-kairos-visitor': 'v-journey-1' })).text(), 'recs');
    expect(none.visitor).toBe('v-journey-1');
    expect(none.reason.outcome).toBe('consent');
    const html = await (await page(dev.url, { 'x-kairos-visitor': 'v-journey-1', cookie: 'kairos_vid=v-cookie' })).text();
    expect(edgeDecision(html, 'hero').visitor).toBe('v-cookie');
  });

  it('are never trusted outside dev mode', async () => {
    const prod = await start(false);
    const headers = { 'x-kairos-now': EVENING, 'x-kairos-timezone': 'Europe/Zurich' };
    expect(slotAttrs(await (await page(prod.url, headers)).text(), 'promo')?.['data-kairos-edge']).toBe('client:timezone');
    // With the zone known from the SDK's cookie, the edge's own clock (morning) decides.
    const promo = slotAttrs(await (await page(prod.url, { ...headers, cookie: 'kairos_tz=Europe%2FZurich' })).text(), 'promo');
    expect(promo?.['data-kairos-edge']).toBe('decided');
    expect(promo?.['data-kairos-outcome']).toBe('no-match');
    expect(edgeDecision(await (await page(prod.url, { 'x-kairos-visitor': 'v-journey-1' })).text(), 'hero').visitor).not.toBe('v-journey-1');
    expect((await page(prod.url, { 'x-kairos-now': 'tonight', 'x-kairos-visitor': 'a b' })).status).toBe(200);
  });
});
