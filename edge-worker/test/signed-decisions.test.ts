import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import { createApp } from '../src/app.ts';
import { LiveRules } from '../src/live-rules.ts';
import { checkDecisionToken } from '../src/sign/decision-token.ts';
import { edgeKeys } from '../src/sign/keys.ts';
import { previewToken } from '../src/sign/preview-token.ts';
import type { DecideRequest, DecideResponse } from '../src/protocol/index.ts';
import { decideBody } from './decide-body.ts';

// What decide signs: a token on each decision (only exposures the edge handed out
// count), and previews only with a preview token made with the same secret.
const NOW = Date.parse('2026-11-23T12:00:00Z');
const SECRET = 'signed-decisions-test';
const keys = edgeKeys(SECRET);
let rules: LiveRules;
let app: Hono;

beforeAll(async () => {
  rules = new LiveRules();
  await rules.load(readFileSync(new URL('./fixtures/rules.app.json', import.meta.url), 'utf8'));
  app = createApp({ rules, now: () => NOW, secret: SECRET });
});

async function decide(req: DecideRequest, a = app): Promise<DecideResponse> {
  const res = await a.request('/v1/decide', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(req) });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as DecideResponse;
}

describe('decision tokens', () => {
  it('sign each decision for its visitor and reason; another visitor, reason or secret does not verify', async () => {
    const res = await decide(decideBody({ visitor: 'v-tok' }, { referrer: 'www.google.com', utm: { term: 'ski boots' } }));
    const hero = res.decisions.hero!;
    expect(hero.token).toMatch(/^[0-9a-z]+\.[\w-]{12}\.[\w-]{22}$/);
    expect(res.decisions.promo!.token).toBeDefined();
    const ok = (visitor: string, reason: string, now = NOW): Promise<boolean> => checkDecisionToken(keys, hero.token, visitor, reason, now);
    expect(await ok('v-tok', hero.reason.id)).toBe(true);
    expect(await ok('v-other', hero.reason.id)).toBe(false);
    expect(await ok('v-tok', 'hero:-:holdout')).toBe(false);
    expect(await ok('v-tok', hero.reason.id, NOW + 8 * 86_400_000)).toBe(false);
    expect(await checkDecisionToken(edgeKeys('another-secret'), hero.token, 'v-tok', hero.reason.id, NOW)).toBe(false);
  });

  it('are unique per decision handed out: the same visitor and reason decided twice in one millisecond get two tokens', async () => {
    // This app's clock stands still: every decide happens at NOW.
    const body = decideBody({ visitor: 'v-twice' }, { referrer: 'www.google.com', utm: { term: 'ski boots' } });
    const [a, b] = [(await decide(body)).decisions.hero!, (await decide(body)).decisions.hero!];
    expect(a.reason.id).toBe(b.reason.id);
    expect(a.token).not.toBe(b.token);
    for (const d of [a, b]) expect(await checkDecisionToken(keys, d.token, 'v-twice', d.reason.id, NOW)).toBe(true);
  });

  it('are left out without analytics consent (no event is sent then) and without a secret', async () => {
    const denied = await decide(decideBody({ consent: { personalization: false, analytics: false } }));
    expect(denied.decisions.hero!.token).toBeUndefined();
    const none = await decide(decideBody(), createApp({ rules, now: () => NOW }));
    expect(none.decisions.hero!.token).toBeUndefined();
  });
});

describe('preview', () => {
  const preview = { hero: 'app-b' };

  it('is ignored without a token, and the reason says so, while the page gets its normal decisions', async () => {
    const res = await decide(decideBody({ preview }));
    expect(res.decisions.hero!.variant).not.toBe('app-b');
    expect(res.decisions.hero!.reason).toMatchObject({ previewRefused: 'no-token' });
    expect(res.decisions.hero!.reason.outcome).not.toBe('preview');
    expect(res.decisions.promo!.reason.previewRefused).toBeUndefined();
  });

  it('is honoured with a preview token of the edge’s secret, until it expires', async () => {
    const token = await previewToken(keys, preview, NOW + 3_600_000);
    const res = await decide(decideBody({ preview: { ...preview, _token: token } }));
    expect(res.decisions.hero).toMatchObject({ variant: 'app-b', reason: { outcome: 'preview' } });
    expect(res.decisions.hero!.token).toBeUndefined();
    const late = createApp({ rules, now: () => NOW + 3_600_001, secret: SECRET });
    expect((await decide(decideBody({ preview: { ...preview, _token: token } }), late)).decisions.hero!.reason.previewRefused).toBe('expired-token');
  });

  it('refuses a token made for other variants, or with another secret', async () => {
    const token = await previewToken(keys, { hero: 'app-a' }, NOW + 3_600_000);
    const other = await previewToken(edgeKeys('guess'), preview, NOW + 3_600_000);
    for (const t of [token, other, 'zzzz.AAAAAAAAAAAAAAAAAAAAAA', 'nonsense']) {
      const res = await decide(decideBody({ preview: { ...preview, _token: t } }));
      expect(res.decisions.hero!.reason, t).toMatchObject({ previewRefused: 'bad-token' });
      expect(res.decisions.hero!.variant).not.toBe('app-b');
    }
    // Without a secret no token can be checked.
    const bare = createApp({ rules, now: () => NOW });
    expect((await decide(decideBody({ preview: { ...preview, _token: token } }), bare)).decisions.hero!.reason.previewRefused).toBe('no-secret');
  });

  it('needs no token in dev mode', async () => {
    const dev = createApp({ rules, now: () => NOW, secret: SECRET, dev: true });
    expect((await decide(decideBody({ preview }), dev)).decisions.hero).toMatchObject({ variant: 'app-b', reason: { outcome: 'preview' } });
  });
});
