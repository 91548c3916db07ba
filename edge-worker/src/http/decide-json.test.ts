import { describe, expect, it } from 'vitest';
import type { Content, DecideResponse } from '../protocol/index.ts';
import { decideResponseJson } from './decide-json.ts';

describe('decideResponseJson', () => {
  const shared: Content = { nodes: [{ e: 'h2', a: { class: 'x"y' }, c: [{ t: 'Fresh "powder" \u2028 <b>' }] }], attrs: { class: 'hero' } };
  const res: DecideResponse = {
    site: 'demo', rulesVersion: 'abc', engineUs: 12, interestHalfLifeDays: 7,
    decisions: {
      hero: { slot: 'hero', variant: 'v', rule: 'r', content: shared, reason: { outcome: 'match', id: 'hero:r:v', fields: ['a.b'], bucket: 0.25 } },
      'pro"mo': { slot: 'pro"mo', reason: { outcome: 'no-match', id: 'promo:-:no-match' } },
    },
  };

  it('is valid JSON with the same value as JSON.stringify, escapes included', () => {
    const text = decideResponseJson(res);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(res)));
    expect(text).toContain('"pro\\"mo":');
  });

  it('serialises content again when it is a different object (filled tokens)', () => {
    const first = decideResponseJson(res);
    const filled = { ...res, decisions: { hero: { ...res.decisions.hero!, content: { nodes: [{ t: 'other' }] } } } };
    expect(JSON.parse(decideResponseJson(filled)).decisions.hero.content).toEqual({ nodes: [{ t: 'other' }] });
    expect(decideResponseJson(res)).toBe(first);
  });

  it('handles no decisions and the debug context', () => {
    const empty = { ...res, decisions: {} };
    expect(JSON.parse(decideResponseJson(empty))).toEqual(empty);
  });
});

describe('decideResponseJson with compiled (frozen) content', () => {
  const freeze = <T>(v: T): T => {
    if (v && typeof v === 'object') {
      Object.values(v).forEach(freeze);
      Object.freeze(v);
    }
    return v;
  };
  const staticNode = freeze({ e: 'ul', a: { class: 'list' }, c: [{ e: 'li', c: [{ t: '€549 “quoted” \u2028' }] }] });
  const compiled: Content = freeze({ nodes: [staticNode], attrs: { class: 'recs' } });
  const decision = (content: Content): DecideResponse => ({
    site: 'demo', rulesVersion: 'v', engineUs: 1, interestHalfLifeDays: 7,
    decisions: { recs: { slot: 'recs', variant: 'b', rule: 'r', content, reason: { outcome: 'match', id: 'recs:r:b', rule: 'r', fields: [], bucket: 0.5 } } },
  });

  it('gives the JSON.stringify value, the same text every time', () => {
    const res = decision(compiled);
    expect(JSON.parse(decideResponseJson(res))).toEqual(JSON.parse(JSON.stringify(res)));
    expect(decideResponseJson(res)).toBe(decideResponseJson(res));
  });

  it('mixes fresh filled nodes with cached static ones', () => {
    const filled: Content = { nodes: [{ e: 'p', c: [{ t: 'You searched "ski"' }] }, staticNode], attrs: compiled.attrs! };
    const res = decision(filled);
    expect(JSON.parse(decideResponseJson(res))).toEqual(JSON.parse(JSON.stringify(res)));
    const other = decision({ ...filled, nodes: [{ t: 'changed' }, staticNode] });
    expect(JSON.parse(decideResponseJson(other)).decisions.recs.content.nodes[0]).toEqual({ t: 'changed' });
  });
});

describe('decideResponseJson output is ASCII', () => {
  it('escapes every non-ASCII character, in content, ids and the debug context alike', () => {
    const content = Object.freeze({ nodes: Object.freeze([Object.freeze({ t: 'Fresh powder — €549 “ski” 😀 \u2028' })]) }) as Content;
    const res: DecideResponse = {
      site: 'démo', rulesVersion: 'v', engineUs: 1, interestHalfLifeDays: 7,
      decisions: { 'héro': { slot: 'héro', variant: 'ü', rule: 'r', content, reason: { outcome: 'match', id: 'héro:r:ü', rule: 'r', fields: ['utm.term'], bucket: 0.1 } } },
      context: { utm: { term: 'Skischuhe größe 42' } } as unknown as DecideResponse['context'],
    };
    const text = decideResponseJson(res);
    expect(text).toMatch(/^[\x20-\x7e]*$/);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(res)));
  });
});

describe('decideResponseJson reuses the head of a rule\'s decisions only when it matches', () => {
  const fields = Object.freeze(['utm.term']) as string[];
  const content = Object.freeze({ nodes: Object.freeze([Object.freeze({ t: 'A' })]) }) as Content;
  const match = (slot: string, variant: string, bucket: number): DecideResponse => ({
    site: 's', rulesVersion: 'v', engineUs: 0, interestHalfLifeDays: 7,
    decisions: { [slot]: { slot, variant, rule: 'r', content, reason: { outcome: 'match', id: `${slot}:r:${variant}`, rule: 'r', fields, bucket } } },
  });
  it('gives JSON.stringify\'s value for each of many variations', () => {
    const cases = [match('hero', 'a', 0.1), match('hero', 'a', 0.9), match('hero', 'b', 0.2), match('promo', 'a', 0.3), match('hero', 'a', 0.5)];
    const holdout: DecideResponse = { ...cases[0]!, decisions: { hero: { slot: 'hero', reason: { outcome: 'holdout', id: 'hero:-:holdout', rule: 'r', fields } } } };
    const skipped: DecideResponse = { ...cases[0]!, decisions: { hero: { ...cases[0]!.decisions.hero!, reason: { ...cases[0]!.decisions.hero!.reason, skipped: [{ rule: 'q', why: 'consent' }] } } } };
    for (const res of [...cases, holdout, skipped, ...cases]) expect(JSON.parse(decideResponseJson(res))).toEqual(JSON.parse(JSON.stringify(res)));
  });
});
