import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { createApp } from '../../src/app.ts';
import { LiveRules } from '../../src/live-rules.ts';
import { nodeStatsStore } from '../../src/adapters/node/stats.ts';
import type { StatsStore } from '../../src/stats/types.ts';
import { acceptsJson, bodiesAround, contentType, slug, type BodyInput, type Json } from './arbitraries.ts';
import { expectHealthy, fuzz } from './harness.ts';

const rulesText = readFileSync(new URL('../../../demo-site/rules.json', import.meta.url), 'utf8');
const demo = JSON.parse(rulesText) as { origins: string[]; slots: Record<string, { rules: { id: string; variants: { id: string }[] }[] }> };
/** `slot:rule:variant` of every variant in the demo rules. */
const REASONS = Object.entries(demo.slots).flatMap(([slot, s]) => s.rules.flatMap((r) => r.variants.map((v) => [slot, r.id, v.id] as const)));
const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
const NOW = Date.now();

const triple = fc.oneof(fc.constantFrom(...REASONS), fc.tuple(slug, fc.oneof(slug, fc.constant('-')), slug));
const reasonId = triple.map((t) => t.join(':'));
const name = fc.oneof(slug, fc.string({ minLength: 1, maxLength: 100 }));
const common = {
  id: fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 100 })),
  at: fc.oneof(fc.integer({ min: NOW - 40 * 86_400_000, max: NOW + 60_000 }), fc.nat()),
  consent: fc.constantFrom('analytics', 'analytics+personalization'),
};
const opt = <K extends string>(...keys: K[]) => ({ requiredKeys: keys });

/** Events the SDK could send, one per type, each with what its type needs. */
const event: fc.Arbitrary<Json> = fc.oneof(
  fc.tuple(fc.record(common), triple, fc.boolean()).map(([c, [slot, rule, variant], named]) => ({
    ...c, type: 'exposure', slot, reason: `${slot}:${rule}:${variant}`, ...(named ? { rule, variant } : {}),
  })),
  fc.record({ ...common, type: fc.constant('conversion'), goal: name, value: fc.double({ min: -1e9, max: 1e9, noNaN: true }), decisions: fc.array(reasonId, { maxLength: 5 }) }, opt('id', 'at', 'consent', 'type', 'goal')),
  fc.record({ ...common, type: fc.constant('vital'), metric: fc.constantFrom('LCP', 'CLS', 'INP'), value: fc.double({ min: 0, max: 1e6, noNaN: true }), decisions: fc.array(reasonId, { maxLength: 5 }) }, opt('id', 'at', 'consent', 'type', 'metric', 'value')),
  fc.record({ ...common, type: fc.constant('timeout'), slot: fc.oneof(fc.constantFrom(...Object.keys(demo.slots)), slug) }),
) as fc.Arbitrary<Json>;

const validEvents: fc.Arbitrary<Json> = fc.record({
  site: fc.constant('demo'),
  visitor: fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 100 })),
  rulesVersion: fc.oneof(fc.stringMatching(/^[0-9a-f]{12}$/), fc.string({ maxLength: 100 })),
  events: fc.array(event, { minLength: 1, maxLength: 20 }),
}, opt('site', 'visitor', 'events')) as fc.Arbitrary<Json>;

const ALLOWED_ORIGINS = [...demo.origins, 'http://localhost'];
interface EventsInput extends BodyInput {
  contentType: string | undefined;
  origin: string | undefined;
  ua: string | undefined;
}

const eventsInputs: fc.Arbitrary<EventsInput> = fc.record({
  input: bodiesAround(validEvents),
  contentType,
  origin: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(undefined, ...ALLOWED_ORIGINS) },
    { weight: 1, arbitrary: fc.constantFrom('https://evil.example', 'null', 'http://127.0.0.1:8788', 'http://localhost:8787/', 'HTTP://LOCALHOST:8787', '') },
  ),
  ua: fc.oneof({ weight: 6, arbitrary: fc.constant(BROWSER_UA) }, { weight: 1, arbitrary: fc.constantFrom(undefined, '', 'Googlebot/2.1 (+http://www.google.com/bot.html)', 'curl/8.0') }),
}).map(({ input, ...rest }) => ({ ...input, ...rest }));

let dir: string;
let store: StatsStore;
let app: Hono;
beforeAll(async () => {
  const rules = new LiveRules();
  expect((await rules.load(rulesText)).errors).toEqual([]);
  // In memory where there is a RAM disk: the run is about the handler, not about fsync.
  dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'kairos-fuzz-events-'));
  store = nodeStatsStore(dir);
  // With a secret, as every deployed edge has one (without it events are refused with 503 no_secret).
  app = createApp({ rules, stats: store, secret: 'fuzz-secret' });
});
afterAll(async () => {
  await store.close?.();
  rmSync(dir, { recursive: true, force: true });
});

async function check(input: EventsInput): Promise<string> {
  const headers = new Headers();
  if (input.contentType !== undefined) headers.set('content-type', input.contentType);
  if (input.origin !== undefined) headers.set('origin', input.origin);
  if (input.ua !== undefined) headers.set('user-agent', input.ua);
  const req = new Request('http://localhost/v1/events', { method: 'POST', headers, body: input.body });
  const sentType = req.headers.get('content-type') ?? undefined;
  const res = await app.request(req);
  const answer = await res.text();
  const what = `${res.status} ${answer.slice(0, 300)}`;
  if (res.status >= 500) throw new Error(`5xx: ${what}`);
  expect([202, 400, 403, 404, 413, 415, 429], what).toContain(res.status);
  const json = JSON.parse(answer) as { accepted?: number; error?: { code: string; message: string } };
  if (res.status === 202) expect(typeof json.accepted, what).toBe('number');
  else {
    expect(typeof json.error?.code, what).toBe('string');
    expect(json.error!.message.length, what).toBeGreaterThan(0);
  }
  if (res.status === 429) expect(Number(res.headers.get('retry-after')), what).toBeGreaterThanOrEqual(1);
  const allowed = !input.origin || ALLOWED_ORIGINS.includes(input.origin);
  if (!allowed) expect(res.status, what).toBe(403);
  else if (!acceptsJson(sentType)) expect(res.status, what).toBe(415);
  else if (input.kind === 'valid') expect([202, 429], what).toContain(res.status);
  return res.status === 202 ? '202' : `${res.status} ${json.error!.code}`;
}

describe('fuzz: POST /v1/events', () => {
  it('answers every input with a 202 or a clear 4xx, bounded, without pollution or a leak', async () => {
    const report = await fuzz('events', eventsInputs, check, (i) => i.kind);
    expectHealthy('POST /v1/events', report);
  }, 300_000);
});
