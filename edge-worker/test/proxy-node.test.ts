import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
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
