import { describe, expect, it } from 'vitest';
import type { ContextDocument } from '../protocol/index.ts';
import type { RulesFile } from '../rules/types.ts';
import { deriveContext } from '../context/derive.ts';
import { compileRules } from './compile.ts';
import { prepareRules } from '../rules/prepare.ts';
import { decide, inHoldout } from './decide.ts';

const T = Date.parse('2026-12-10T12:00:00Z');
const consented = { personalization: true, analytics: true };

function ctx(over: Partial<ContextDocument> = {}, consent = consented): ContextDocument {
  return { ...deriveContext({}, {}, consent, new Date(T)), ...over };
}

function rules(slots: RulesFile['slots'], extra: Partial<RulesFile> = {}): ReturnType<typeof compileRules> {
  return compileRules(prepareRules({ site: 's', slots, ...extra }), 'test');
}

describe('decide', () => {
  it('takes the first matching rule', () => {
    const r = rules({ hero: { rules: [
      { id: 'a', when: { 'device.type': 'mobile' }, variants: [{ id: 'a1', text: 'A' }] },
      { id: 'b', variants: [{ id: 'b1', text: 'B' }] },
    ] } });
    expect(decide(r, { visitor: 'v', slots: ['hero'], context: ctx(), now: T }).hero).toMatchObject({ variant: 'b1', rule: 'b' });
    const mobile = ctx({ device: { ...ctx().device, type: 'mobile' } });
    expect(decide(r, { visitor: 'v', slots: ['hero'], context: mobile, now: T }).hero).toMatchObject({
      variant: 'a1', content: { nodes: [{ t: 'A' }] }, reason: { outcome: 'match', id: 'hero:a:a1', fields: ['device.type'] },
    });
  });

  it('knows which rules read stored behaviour, through audiences and tokens too', () => {
    const r = rules({ hero: { rules: [
      { id: 'aud', when: { $audience: 'fans' }, variants: [{ id: 'x', text: 'x' }] },
      { id: 'tok', variants: [{ id: 'y', text: 'visit number {{visitor.sessions}}' }] },
      { id: 'ctx', when: { 'utm.source': 'news' }, variants: [{ id: 'z', text: 'z' }] },
    ] } }, { audiences: { fans: { 'interests.ski': { $gte: 2 } } } });
    expect(r.slots.get('hero')!.map((x) => [x.id, x.needsConsent])).toEqual([['aud', true], ['tok', true], ['ctx', false]]);
    const d = decide(r, { visitor: 'v', slots: ['hero'], context: ctx({}, { personalization: false, analytics: false }), now: T }).hero!;
    expect(d.variant).toBeUndefined();
    expect(d.reason).toMatchObject({ outcome: 'consent', skipped: [{ rule: 'aud', why: 'consent' }, { rule: 'tok', why: 'consent' }] });
  });

  it('applies schedules with an inclusive start and an exclusive end', () => {
    const r = rules({ hero: { rules: [
      { id: 'xmas', schedule: { start: '2026-12-24T00:00:00Z', end: '2026-12-27T00:00:00Z' }, variants: [{ id: 'x', text: 'x' }] },
    ] } });
    const at = (iso: string): string => decide(r, { visitor: 'v', slots: ['hero'], context: ctx(), now: Date.parse(iso) }).hero!.reason.outcome;
    expect(at('2026-12-23T23:59:59Z')).toBe('schedule');
    expect(at('2026-12-24T00:00:00Z')).toBe('match');
    expect(at('2026-12-26T23:59:59Z')).toBe('match');
    expect(at('2026-12-27T00:00:00Z')).toBe('schedule');
  });

  it('caps per visitor and per session', () => {
    const r = rules({ hero: { rules: [{ id: 'c', cap: { perVisitor: 3, perSession: 1 }, variants: [{ id: 'x', text: 'x' }] }] } });
    const run = (exposures: object): string =>
      decide(r, { visitor: 'v', slots: ['hero'], context: ctx(), now: T, exposures }).hero!.reason.outcome;
    expect(run({})).toBe('match');
    expect(run({ visitor: { 'hero/c': 2 } })).toBe('match');
    expect(run({ visitor: { 'hero/c': 3 } })).toBe('cap');
    expect(run({ session: { 'hero/c': 1 } })).toBe('cap');
  });

  it('holds out the configured share of visitors, the same ones on every slot', () => {
    const r = rules({ a: { rules: [{ id: 'r', variants: [{ id: 'x', text: 'x' }] }] }, b: { rules: [{ id: 'r', variants: [{ id: 'y', text: 'y' }] }] } }, { holdout: 0.2 });
    let held = 0;
    for (let i = 0; i < 5000; i++) {
      const d = decide(r, { visitor: `v${i}`, slots: ['a', 'b'], context: ctx(), now: T });
      expect(d.a!.reason.outcome === 'holdout').toBe(d.b!.reason.outcome === 'holdout');
      expect(d.a!.reason.outcome === 'holdout').toBe(inHoldout(r, `v${i}`));
      if (d.a!.reason.outcome === 'holdout') held++;
    }
    expect(held / 5000).toBeGreaterThan(0.18);
    expect(held / 5000).toBeLessThan(0.22);
  });

  it('splits by weight, and learned weights replace them for bandit rules only', () => {
    const variants = [{ id: 'a', weight: 3, text: 'a' }, { id: 'b', weight: 1, text: 'b' }];
    const r = rules({ fixed: { rules: [{ id: 'f', variants }] }, learn: { rules: [{ id: 'l', learn: 'bandit', variants }] } });
    const count = { fixed: 0, learn: 0 };
    for (let i = 0; i < 4000; i++) {
      const d = decide(r, { visitor: `v${i}`, slots: ['fixed', 'learn'], context: ctx(), now: T, bandit: () => ({ segment: 's', weights: [0, 1], source: 'segment' }) });
      if (d.fixed!.variant === 'a') count.fixed++;
      if (d.learn!.variant === 'a') count.learn++;
    }
    expect(count.fixed / 4000).toBeGreaterThan(0.72);
    expect(count.fixed / 4000).toBeLessThan(0.78);
    expect(count.learn).toBe(0);
  });

  it('names bandit, its segment and weights in the reason, and keeps a visitor on their first variant while sticky', () => {
    const variants = [{ id: 'a', text: 'a' }, { id: 'b', text: 'b' }];
    const r = rules({ hero: { rules: [{ id: 'l', learn: 'bandit', goal: 'buy', stickyDays: 2, variants }] } });
    const bandit = () => ({ segment: 'mobile|evening|search', weights: [1, 0], source: 'segment' as const });
    const fresh = decide(r, { visitor: 'v1', slots: ['hero'], context: ctx(), now: T, bandit }).hero!;
    expect(fresh.variant).toBe('a');
    expect(fresh.reason.bandit).toEqual({ segment: 'mobile|evening|search', weights: [1, 0], source: 'segment' });
    const assigned = { 'hero/l': { variant: 'b', at: T - 86_400_000 } };
    const kept = decide(r, { visitor: 'v1', slots: ['hero'], context: ctx(), now: T, bandit, assigned }).hero!;
    expect(kept.variant).toBe('b');
    expect(kept.reason.bandit?.sticky).toBe(true);
    const expired = decide(r, { visitor: 'v1', slots: ['hero'], context: ctx(), now: T + 86_400_000, bandit, assigned }).hero!;
    expect(expired.variant).toBe('a');
    const noConsent = ctx({}, { personalization: false, analytics: true });
    expect(decide(r, { visitor: 'v1', slots: ['hero'], context: noConsent, now: T, bandit, assigned }).hero!.variant).toBe('a');
  });

  it('previews a variant by id and says so', () => {
    const r = rules({ hero: { rules: [{ id: 'm', when: { 'device.type': 'mobile' }, variants: [{ id: 'x', text: 'x' }, { id: 'y', text: 'y' }] }] } });
    const d = decide(r, { visitor: 'v', slots: ['hero'], context: ctx(), now: T, preview: { hero: 'y' } }).hero!;
    expect(d).toMatchObject({ variant: 'y', reason: { outcome: 'preview', id: 'hero:m:y' } });
    const unknown = decide(r, { visitor: 'v', slots: ['hero'], context: ctx(), now: T, preview: { hero: 'nope' } }).hero!;
    expect(unknown.reason).toMatchObject({ outcome: 'no-match', previewRefused: 'unknown-variant' });
  });

  it('says when a preview names a slot the rules do not have, and leaves other slots alone', () => {
    const r = rules({ hero: { rules: [{ id: 'm', variants: [{ id: 'x', text: 'x' }] }] } });
    const d = decide(r, { visitor: 'v', slots: ['hero', 'nope'], context: ctx(), now: T, preview: { nope: 'x' } });
    expect(d.nope!.reason).toMatchObject({ outcome: 'unknown-slot', previewRefused: 'unknown-slot' });
    expect(d.hero!.reason).toMatchObject({ outcome: 'match' });
    expect(d.hero!.reason.previewRefused).toBeUndefined();
    // A variant of another rule of the slot is not unknown: it is previewed.
    const two = rules({ hero: { rules: [{ id: 'a', variants: [{ id: 'a1', text: 'a' }] }, { id: 'b', variants: [{ id: 'b1', text: 'b' }] }] } });
    expect(decide(two, { visitor: 'v', slots: ['hero'], context: ctx(), now: T, preview: { hero: 'b1' } }).hero!.reason).toEqual({ outcome: 'preview', id: 'hero:b:b1', rule: 'b' });
  });

  it('fills tokens as text and keeps javascript: out of URL attributes', () => {
    const r = rules({ hero: { rules: [{ id: 't', variants: [{ id: 'x', html: '<a href="/c/{{utm.campaign}}">{{utm.campaign}} deals</a>', attrs: { href: '{{utm.content}}' } }] }] } });
    const context = ctx({ utm: { ...ctx().utm, campaign: '<b>x</b>', content: ' JaVaScRiPt:alert(1)' } });
    const d = decide(r, { visitor: 'v', slots: ['hero'], context, now: T }).hero!;
    expect(d.content).toEqual({ nodes: [{ e: 'a', a: { href: '/c/<b>x</b>' }, c: [{ t: '<b>x</b> deals' }] }], attrs: { href: '#' } });
  });

  it('reads the context afresh on every call, and answers a repeated slots list as the first time', () => {
    const r = rules({
      a: { rules: [{ id: 'm', when: { 'device.type': 'mobile', 'utm.source': { $in: ['news', 'ads'] } }, variants: [{ id: 'x', text: 'x' }] }] },
      b: { rules: [{ id: 'n', when: { $or: [{ 'device.type': 'tablet' }, { 'utm.source': 'news' }] }, variants: [{ id: 'y', text: 'y' }] }] },
    });
    const context = ctx();
    const slots = ['a', 'b', 'nope'];
    const outcomes = (): string[] => {
      const d = decide(r, { visitor: 'v', slots, context, now: T });
      return Object.keys(d).map((s) => `${s}:${d[s]!.reason.outcome}`);
    };
    expect(outcomes()).toEqual(['a:no-match', 'b:no-match', 'nope:unknown-slot']);
    context.device = { ...context.device, type: 'mobile' };
    context.utm = { ...context.utm, source: 'news' };
    expect(outcomes()).toEqual(['a:match', 'b:match', 'nope:unknown-slot']);
    context.device.type = 'tablet';
    expect(outcomes()).toEqual(['a:no-match', 'b:match', 'nope:unknown-slot']);
    // The caller's array may change between calls.
    slots.reverse();
    expect(outcomes()).toEqual(['nope:unknown-slot', 'b:match', 'a:no-match']);
  });

  it('answers slots the rules do not know with the default', () => {
    const r = rules({ hero: { rules: [{ id: 'r', variants: [{ id: 'x', text: 'x' }] }] } });
    expect(decide(r, { visitor: 'v', slots: ['nope'], context: ctx(), now: T }).nope).toEqual({ slot: 'nope', reason: { outcome: 'unknown-slot', id: 'nope:-:unknown-slot' } });
  });
});
