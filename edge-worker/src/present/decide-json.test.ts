import { describe, expect, it } from 'vitest';
import type { Content, DecideResponse } from '../protocol/index.ts';
import { decideJson } from './decide-json.ts';

const shared: Content = { nodes: [{ e: 'h2', a: { class: 'x"y' }, c: [{ t: 'Fresh "powder" \u2028 <b> €549' }] }], attrs: { class: 'hero' } };
const res = (): DecideResponse => ({
  site: 'demo', rulesVersion: 'abc', engineUs: 12, interestHalfLifeDays: 7,
  decisions: {
    hero: { slot: 'hero', variant: 'v', rule: 'r', content: shared, reason: { outcome: 'match', id: 'hero:r:v', fields: ['a.b'], bucket: 0.25 } },
    'pro"mo': { slot: 'pro"mo', reason: { outcome: 'no-match', id: 'promo:-:no-match' } },
  },
});

describe('decideJson', () => {
  it('has the value of JSON.stringify, with or without the compiled JSON of the content', () => {
    const expected = JSON.parse(JSON.stringify(res()));
    expect(JSON.parse(decideJson(res(), new Map()))).toEqual(expected);
    expect(JSON.parse(decideJson(res(), new Map([[shared, JSON.stringify(shared)]])))).toEqual(expected);
  });

  it('uses the compiled JSON for static content, and serialises content it does not know (filled tokens)', () => {
    const cache = new Map([[shared, '{"nodes":[{"t":"from the cache"}]}']]);
    expect(JSON.parse(decideJson(res(), cache)).decisions.hero.content).toEqual({ nodes: [{ t: 'from the cache' }] });
    const filled = res();
    filled.decisions.hero!.content = { nodes: [{ t: 'other' }] };
    expect(JSON.parse(decideJson(filled, cache)).decisions.hero.content).toEqual({ nodes: [{ t: 'other' }] });
  });

  it('keeps client-chosen slot ids such as "__proto__" as keys (null-prototype decisions)', () => {
    const r = res();
    const decisions: DecideResponse['decisions'] = Object.create(null);
    decisions['__proto__'] = { slot: '__proto__', reason: { outcome: 'unknown-slot', id: '__proto__:-:unknown-slot' } };
    r.decisions = decisions;
    expect(Object.keys(JSON.parse(decideJson(r, new Map())).decisions)).toEqual(['__proto__']);
  });

  it('handles no decisions and the debug context', () => {
    const empty: DecideResponse = { ...res(), decisions: {}, context: { page: { path: '/', title: '', type: '' } } as never };
    expect(JSON.parse(decideJson(empty, new Map()))).toEqual(JSON.parse(JSON.stringify(empty)));
  });
});
