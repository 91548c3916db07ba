import { describe, expect, it } from 'vitest';
import { checkDecisionToken, decisionToken, DECISION_TOKEN_TTL_MS } from './decision-token.ts';
import { edgeKeys } from './keys.ts';

const keys = edgeKeys('decision-token-test');
const NOW = Date.parse('2026-11-23T12:00:00Z');
const REASON = 'hero:ski-search:ski-hero';

describe('decision tokens', () => {
  it('are unique per decision: one visitor, one reason, one millisecond, two tokens, each good', async () => {
    const tokens = await Promise.all(Array.from({ length: 50 }, () => decisionToken(keys, 'v-1', REASON, NOW)));
    expect(new Set(tokens).size).toBe(50);
    for (const t of tokens) {
      expect(t).toMatch(/^[0-9a-z]{1,10}\.[\w-]{12}\.[\w-]{22}$/);
      expect(await checkDecisionToken(keys, t, 'v-1', REASON, NOW)).toBe(true);
    }
  });

  it('bind the nonce: a token with another token’s nonce, or without one, is not good', async () => {
    const [a, b] = await Promise.all([decisionToken(keys, 'v-1', REASON, NOW), decisionToken(keys, 'v-1', REASON, NOW)]);
    const [issued, nonceA, macA] = a.split('.');
    const nonceB = b.split('.')[1];
    for (const bad of [`${issued}.${nonceB}.${macA}`, `${issued}.${macA}`, `${a}.x`, `${issued}.${nonceA}`, '', '...', `${issued}.${'A'.repeat(13)}.${macA}`]) {
      expect(await checkDecisionToken(keys, bad, 'v-1', REASON, NOW), bad).toBe(false);
    }
  });

  it('cover the visitor, the reason, the secret and the time', async () => {
    const t = await decisionToken(keys, 'v-1', REASON, NOW);
    expect(await checkDecisionToken(keys, t, 'v-2', REASON, NOW)).toBe(false);
    expect(await checkDecisionToken(keys, t, 'v-1', 'hero:-:holdout', NOW)).toBe(false);
    expect(await checkDecisionToken(edgeKeys('another-secret'), t, 'v-1', REASON, NOW)).toBe(false);
    // The issue time is signed: moving it changes nothing but the verdict.
    const [, nonce, mac] = t.split('.');
    expect(await checkDecisionToken(keys, `${(NOW + 1).toString(36)}.${nonce}.${mac}`, 'v-1', REASON, NOW)).toBe(false);
    expect(await checkDecisionToken(keys, t, 'v-1', REASON, NOW + DECISION_TOKEN_TTL_MS)).toBe(true);
    expect(await checkDecisionToken(keys, t, 'v-1', REASON, NOW + DECISION_TOKEN_TTL_MS + 1)).toBe(false);
    expect(await checkDecisionToken(keys, t, 'v-1', REASON, NOW - 10 * 60_000)).toBe(false);
  });
});
