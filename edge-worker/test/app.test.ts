import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import { createApp } from '../src/app.ts';
import { LiveRules } from '../src/live-rules.ts';
import { inHoldout } from '../src/engine/decide.ts';
import type { DecideRequest, DecideResponse, ElementNode } from '../src/protocol/index.ts';
import { decideBody } from './decide-body.ts';
import type { IngestBatch, StatsStore } from '../src/stats/types.ts';

const rulesText = readFileSync(new URL('./fixtures/rules.app.json', import.meta.url), 'utf8');
const NOW = Date.parse('2026-11-23T12:00:00Z');
let app: Hono;
let devApp: Hono;
let rules: LiveRules;

beforeAll(async () => {
  rules = new LiveRules();
  const r = await rules.load(rulesText);
  expect(r.errors).toEqual([]);
  app = createApp({ rules, now: () => NOW });
  devApp = createApp({ rules, now: () => NOW, dev: true });
});

/** A visitor id outside the holdout, so rules apply. */
function visitor(inside = false): string {
  for (let i = 0; i < 10_000; i++) if (inHoldout(rules.current()!, `v-${i}`) === inside) return `v-${i}`;
  throw new Error('no visitor found');
}

async function post(body: unknown, headers: Record<string, string> = {}, a = app): Promise<Response> {
  return a.request('/v1/decide', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function decideOk(req: DecideRequest, headers: Record<string, string> = {}, a = app): Promise<DecideResponse> {
  const res = await post(req, headers, a);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as DecideResponse;
}

describe('GET /healthz', () => {
  it('says which rules are in force', async () => {
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, site: 'shop', rulesVersion: rules.current()!.version });
  });

  it('is 503 before any valid rules were loaded', async () => {
    const res = await createApp({ rules: new LiveRules() }).request('/healthz');
    expect(res.status).toBe(503);
  });
});

describe('POST /v1/decide', () => {
  it('picks the first matching rule, sanitised, tokens filled and escaped, with its reason', async () => {
    const v = visitor();
    const res = await decideOk(
      decideBody({ visitor: v }, { referrer: 'www.google.com', utm: { term: 'ski boots' } }),
      { 'x-kairos-country': 'CH' },
      devApp,
    );
    const hero = res.decisions.hero!;
    expect(hero.variant).toBe('ski-hero');
    expect(hero.reason).toMatchObject({ outcome: 'match', rule: 'ski-search', id: `hero:ski-search:ski-hero` });
    expect(hero.reason.fields).toEqual(expect.arrayContaining(['referrer.type', 'utm.term', 'geo.country']));
    expect(hero.content?.nodes).toEqual([{ e: 'h2', c: [{ t: 'Fresh powder in CH' }] }]);
    expect(JSON.stringify(hero.content)).not.toMatch(/script|onclick/);
    expect(res.rulesVersion).toBe(rules.current()!.version);
    expect(typeof res.engineUs).toBe('number');
  });

  it('ignores the dev country header outside dev mode', async () => {
    const res = await decideOk(decideBody({ visitor: visitor() }, { referrer: 'www.google.com', utm: { term: 'ski' } }), { 'x-kairos-country': 'CH' });
    expect(res.decisions.hero!.content?.nodes).toEqual([{ e: 'h2', c: [{ t: 'Fresh powder in ' }] }]);
  });

  it('keeps token values out of markup and javascript: out of URLs', async () => {
    const res = await decideOk(
      decideBody({ visitor: visitor(), slots: ['promo'] }, {
        page: { path: '/<img src=x onerror=alert(1)>' },
        time: { hour: 19, weekday: 2, timezone: 'UTC' },
        utm: { content: 'javascript:alert(1)' },
      }),
    );
    const promo = res.decisions.promo!;
    expect(promo.variant).toBe('evening-deal');
    expect(promo.content?.nodes).toEqual([{ t: 'Evening deal on /<img src=x onerror=alert(1)>' }]);
    expect(promo.content?.attrs).toEqual({ class: 'promo promo--evening', href: '#' });
  });

  it('skips rules that read stored behaviour without personalization consent', async () => {
    const v = visitor();
    const signals = { interests: { ski: 5 }, ua: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0' };
    const withConsent = await decideOk(decideBody({ visitor: v }, signals));
    expect(withConsent.decisions.hero).toMatchObject({ variant: 'fan-hero', reason: { outcome: 'match', rule: 'fans' } });
    const without = await decideOk(decideBody({ visitor: v, consent: { personalization: false, analytics: false } }, signals));
    expect(without.decisions.hero!.variant).toBeUndefined();
    expect(without.decisions.hero!.reason).toMatchObject({ outcome: 'consent', skipped: [{ rule: 'fans', why: 'consent' }] });
  });

  it('reports a matching rule outside its schedule', async () => {
    const res = await decideOk(decideBody({ visitor: visitor() }), { 'x-kairos-country': 'AT' }, devApp);
    expect(res.decisions.hero!.reason).toMatchObject({ outcome: 'schedule', skipped: [{ rule: 'winter', why: 'schedule' }] });
  });

  it('splits deterministically per visitor, and both variants get traffic', async () => {
    const mobile = { uaData: { mobile: true, platform: 'Android', brands: [] } };
    const seen = new Map<string, string>();
    for (let i = 0; i < 60; i++) {
      const v = `split-${i}`;
      if (inHoldout(rules.current()!, v)) continue;
      const a = await decideOk(decideBody({ visitor: v, slots: ['hero'] }, mobile));
      const b = await decideOk(decideBody({ visitor: v, slots: ['hero'] }, mobile));
      expect(b.decisions.hero!.variant).toBe(a.decisions.hero!.variant);
      expect(a.decisions.hero!.reason.bucket).toBeGreaterThanOrEqual(0);
      seen.set(v, a.decisions.hero!.variant!);
    }
    const counts = [...seen.values()].reduce<Record<string, number>>((m, x) => ({ ...m, [x]: (m[x] ?? 0) + 1 }), {});
    expect(Object.keys(counts).sort()).toEqual(['app-a', 'app-b']);
    expect(Math.min(...Object.values(counts))).toBeGreaterThan(10);
  });

  it('gives the default once a cap is reached', async () => {
    const mobile = { uaData: { mobile: true, platform: 'Android', brands: [] } };
    const under = await decideOk(decideBody({ visitor: visitor(), slots: ['hero'] }, { ...mobile, exposures: { visitor: { 'hero/mobile-app': 2 } } }));
    expect(under.decisions.hero!.reason.outcome).toBe('match');
    const at = await decideOk(decideBody({ visitor: visitor(), slots: ['hero'] }, { ...mobile, exposures: { visitor: { 'hero/mobile-app': 3 } } }));
    expect(at.decisions.hero).toMatchObject({ reason: { outcome: 'cap', rule: 'mobile-app' } });
    expect(at.decisions.hero!.variant).toBeUndefined();
  });

  it('keeps holdout visitors on the default everywhere', async () => {
    const res = await decideOk(decideBody({ visitor: visitor(true) }, { referrer: 'www.google.com', utm: { term: 'ski' } }));
    expect(res.decisions.hero!.reason.outcome).toBe('holdout');
    expect(res.decisions.promo!.reason.outcome).toBe('holdout');
    expect(res.decisions.hero!.variant).toBeUndefined();
    // The report's like-for-like control: the rule that would have applied, but nothing shown.
    expect(res.decisions.hero!.reason).toMatchObject({ rule: 'ski-search', id: 'hero:-:holdout' });
    expect(res.decisions.hero!.rule).toBeUndefined();
    expect(res.decisions.promo!.reason.rule).toBeUndefined();
  });

  it('forces a variant with preview in dev mode, even for a holdout visitor', async () => {
    const res = await decideOk(decideBody({ visitor: visitor(true), preview: { hero: 'app-b' } }), {}, devApp);
    expect(res.decisions.hero).toMatchObject({ variant: 'app-b', rule: 'mobile-app', reason: { outcome: 'preview' } });
  });

  it('answers an unknown slot with the default and says so', async () => {
    const res = await decideOk(decideBody({ visitor: visitor(), slots: ['hero', 'footer'] }));
    expect(res.decisions.footer!.reason.outcome).toBe('unknown-slot');
  });

  it('decides slot ids that are Object.prototype keys like any other', async () => {
    const res = await post(decideBody({ visitor: visitor(), slots: ['__proto__', 'constructor', 'hero'] }));
    expect(res.status).toBe(200);
    const body = JSON.parse(await res.text()) as DecideResponse;
    const ids = Object.keys(body.decisions);
    expect(ids).toEqual(['__proto__', 'constructor', 'hero']);
    expect(Object.getOwnPropertyDescriptor(body.decisions, '__proto__')?.value).toMatchObject({ slot: '__proto__', reason: { outcome: 'unknown-slot' } });
    expect(body.decisions.constructor).toMatchObject({ slot: 'constructor', reason: { outcome: 'unknown-slot' } });
    expect(body.decisions.hero!.slot).toBe('hero');
  });

  it('returns the derived context only when asked, and never the IP', async () => {
    const plain = await decideOk(decideBody({ visitor: visitor() }));
    expect(plain.context).toBeUndefined();
    const dbg = await decideOk(decideBody({ visitor: visitor(), debug: true }, { referrer: 'www.google.com' }), { 'x-forwarded-for': '203.0.113.9' });
    expect(dbg.context?.referrer).toMatchObject({ host: 'www.google.com', type: 'search' });
    expect(JSON.stringify(dbg)).not.toContain('203.0.113.9');
  });

  it('lists, in debug mode only, every rule of a slot with no variant and why it did not apply', async () => {
    const body = decideBody({ visitor: visitor(false), slots: ['hero', 'promo'] });
    const plain = await decideOk(body);
    const dbg = await decideOk({ ...body, debug: true });
    const hero = dbg.decisions.hero!;
    expect(hero.variant).toBeUndefined();
    expect(plain.decisions.hero!.reason.misses).toBeUndefined();
    // The same misses `kairos explain --json` prints, one per rule of the slot, in order.
    expect(hero.reason.misses!.map((m) => m.rule)).toEqual((JSON.parse(rulesText) as { slots: { hero: { rules: { id: string }[] } } }).slots.hero.rules.map((r) => r.id));
    expect(hero.reason.misses![0]).toMatchObject({ rule: 'ski-search', why: 'condition', path: '$.slots.hero.rules[0].when["referrer.type"]', wanted: 'search', value: 'direct' });
    for (const d of Object.values(dbg.decisions)) if (d.variant) expect(d.reason.misses).toBeUndefined();
  });

  it('says when a dev-mode preview names a variant the slot does not have', async () => {
    const res = await decideOk(decideBody({ visitor: visitor(false), preview: { hero: 'no-such-variant' } }), {}, devApp);
    expect(res.decisions.hero!.reason.previewRefused).toBe('unknown-variant');
    expect(res.decisions.hero!.variant).not.toBe('no-such-variant');
  });

  it('is private and not cacheable', async () => {
    const res = await post(decideBody({ visitor: visitor() }));
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });
});

describe('Sec-GPC: 1 (Global Privacy Control) at the edge', () => {
  const interested = { interests: { ski: 5 }, ua: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0' };

  it('decides as without personalization consent, whatever the body claims', async () => {
    const v = visitor();
    const consented = decideBody({ visitor: v }, interested);
    expect((await decideOk(consented)).decisions.hero).toMatchObject({ variant: 'fan-hero' });
    for (const value of ['1', ' 1 ']) {
      const gpc = await decideOk(consented, { 'sec-gpc': value });
      expect(gpc.decisions.hero!.variant).toBeUndefined();
      expect(gpc.decisions.hero!.reason).toMatchObject({ outcome: 'consent', skipped: [{ rule: 'fans', why: 'consent' }] });
    }
    // Context rules still apply; any other value is not an opt-out.
    expect((await decideOk(decideBody({ visitor: v }, { referrer: 'www.google.com', utm: { term: 'ski' } }), { 'sec-gpc': '1' })).decisions.hero).toMatchObject({ variant: 'ski-hero' });
    expect((await decideOk(consented, { 'sec-gpc': '0' })).decisions.hero).toMatchObject({ variant: 'fan-hero' });
  });

  it('acknowledges events but stores none of them', async () => {
    const batches: IngestBatch[] = [];
    const stats: StatsStore = {
      ingest: async (b) => (batches.push(b), { ok: true, accepted: b.events.length, duplicates: 0, stale: 0, capped: 0 }),
      snapshot: async () => ({ arms: [], goals: [], days: [], goalDays: [], vitals: [], slots: [] }),
      forget: async () => ({ ok: true, deleted: 0 }),
    } as StatsStore;
    const withStats = createApp({ rules, stats, now: () => NOW, secret: 'gpc-test-secret' });
    const batch = { site: 'shop', visitor: 'v-gpc', events: [{ id: 'e-1', type: 'exposure', at: NOW, slot: 'hero', reason: 'hero:ski-search:ski-hero', consent: 'analytics' }] };
    const send = (headers: Record<string, string>) =>
      withStats.request('/v1/events', { method: 'POST', headers: { 'content-type': 'text/plain', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0', ...headers }, body: JSON.stringify(batch) });
    const gpc = await send({ 'sec-gpc': '1' });
    expect(gpc.status).toBe(202);
    expect(await gpc.json()).toMatchObject({ accepted: 0, ignored: 'gpc' });
    expect(batches).toEqual([]);
    // Without the header the same batch is stored: the test above can fail.
    expect((await send({})).status).toBe(202);
    expect(batches).toHaveLength(1);
  });
});

describe('CORS', () => {
  it('allows the rules file origins only', async () => {
    const ok = await post(decideBody(), { origin: 'https://shop.example' });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const other = await post(decideBody(), { origin: 'https://evil.example' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('vary')).toBe('Origin');
  });

  it('lets the site read error answers too', async () => {
    const res = await post('{"site":', { origin: 'https://shop.example' });
    expect(res.status).toBe(400);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(res.headers.get('vary')).toBe('Origin');
  });

  it('allows the edge\'s own origin without listing it', async () => {
    const res = await app.request('http://edge.example/v1/decide', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://edge.example' }, body: JSON.stringify(decideBody()) });
    expect(res.headers.get('access-control-allow-origin')).toBe('http://edge.example');
  });

  it('answers preflight for allowed origins', async () => {
    const res = await app.request('/v1/decide', {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('Content-Type');
    expect(res.headers.get('access-control-max-age')).toBe('86400');
  });

  it('puts the headers on every /v1 answer: other routes, unknown paths, wrong methods', async () => {
    const headers = { origin: 'https://shop.example' };
    const batch = { site: rules.current()!.site, visitor: 'v-1', events: [{ id: 'e-1', type: 'conversion', at: NOW, goal: 'purchase', consent: 'analytics' }] };
    const events = await app.request('/v1/events', { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(batch) });
    const broken = await app.request('/v1/events', { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{' });
    const unknown = await app.request('/v1/nothing-here', { headers });
    const method = await app.request('/v1/decide', { headers });
    expect([events.status, broken.status, unknown.status, method.status]).toEqual([202, 400, 404, 405]);
    for (const res of [events, broken, unknown, method]) {
      expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
      expect(res.headers.get('vary')).toBe('Origin');
    }
    const preflight = await app.request('/v1/events', { method: 'OPTIONS', headers: { ...headers, 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  });

  it('leaves answers outside /v1 alone', async () => {
    const res = await app.request('/healthz', { headers: { origin: 'https://shop.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('vary')).toBeNull();
  });

  it('answers preflight from other origins without allowing them', async () => {
    const res = await app.request('/v1/decide', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('bad input gets a 4xx JSON error that names the problem', () => {
  const deep = (n: number): unknown => (n === 0 ? 1 : { a: deep(n - 1) });
  const cases: [string, () => Promise<Response> | Response, RegExp][] = [
    ['invalid JSON', () => post('{"site": "shop",'), /json/i],
    ['a body over 16 KB', () => post({ ...decideBody(), pad: 'x'.repeat(17_000) }), /16|too large|bytes/i],
    ['deep nesting', () => post({ ...decideBody(), signals: deep(40) }), /deep|nest/i],
    ['a __proto__ key', () => post('{"site":"shop","slots":["hero"],"visitor":"v","consent":{"personalization":true,"analytics":true},"signals":{"__proto__":{"x":1}}}'), /__proto__/],
    ['a wrong type', () => post(decideBody({}, { time: { hour: 'nine' as unknown as number } })), /hour/],
    ['no slots', () => post(decideBody({ slots: [] })), /slots/],
    ['an unknown site', () => post(decideBody({ site: 'nope' })), /nope/],
    ['a non-JSON content type', () => app.request('/v1/decide', { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<a/>' }), /content.type|json/i],
    ['GET on decide', () => app.request('/v1/decide'), /POST/],
  ];
  it.each(cases)('%s', async (_name, send, message) => {
    const res = await send();
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toMatch(/^[a-z_]+$/);
    expect(body.error.message).toMatch(message);
  });

  it('never answers 500 to random bodies', async () => {
    const junk = ['', 'null', '[]', '1', '"x"', '{"site":1}', '{"slots":null}', '{"signals":[]}', '\u0000', '{"a":'.repeat(50)];
    for (const body of junk) {
      const res = await post(body);
      expect(res.status, body).toBeGreaterThanOrEqual(400);
      expect(res.status, body).toBeLessThan(500);
    }
  });
});
