import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startOrigin } from './proxy-origin.ts';
import { startNodeServer } from '../src/adapters/node/server.ts';
import { proxySuite } from './proxy-suite.ts';

const rules = JSON.parse(readFileSync(new URL('./fixtures/rules.proxy.json', import.meta.url), 'utf8'));

proxySuite('Node, html-rewriter-wasm', async (origin, timeoutMs) => {
  const server = await startNodeServer({ rules, proxy: { origin, timeoutMs }, log: { log() {}, error() {} } });
  return { url: server.url, close: () => server.close() };
});

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
