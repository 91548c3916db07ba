import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonText } from '../../src/rules/json-text.ts';
import { validateRules } from '../../src/rules/validate.ts';
import { bodiesAround, slug, type BodyInput, type Json } from './arbitraries.ts';
import { expectHealthy, fuzz } from './harness.ts';

type Rule = { id: string; when?: Json; variants: Json[] } & Record<string, Json>;
const demo = JSON.parse(readFileSync(new URL('../../../demo-site/rules.json', import.meta.url), 'utf8')) as {
  audiences: Json;
  slots: Record<string, { rules: Rule[] }>;
};

/** Conditions a rules author writes, each valid on its own. */
const CONDITIONS: Json[] = [
  { 'device.type': 'mobile' }, { 'time.daypart': { $in: ['evening', 'night'] } }, { 'geo.country': { $inGroup: 'alps' } },
  { 'utm.term': { $regex: '^ski' } }, { 'interests.ski': { $gte: 2 } }, { $audience: 'ski-fans' }, { 'visitor.returning': true },
  { $or: [{ 'referrer.type': 'search' }, { 'utm.medium': 'email' }] }, { $not: { 'device.type': 'desktop' } },
  { 'session.pageviews': { $gt: 1, $lte: 10 } }, { views: { $elemMatch: { tags: 'running' } } }, { 'conversions.purchase': { $exists: false } },
];
const HTML = ['<p>Hi {{geo.country}}</p>', '<p><strong>Sale</strong> <a href="/ski.html">now</a></p>', '<div class="x"><img src="/a.png" alt="a"></div>', '<p onclick="x()">strip me</p>'];

const variant = fc.record({
  weight: fc.integer({ min: 1, max: 10 }),
  content: fc.oneof(fc.constantFrom(...HTML).map((html) => ({ html })), fc.string({ maxLength: 40 }).map((text) => ({ text }))),
  attrs: fc.constantFrom({}, { class: 'promo' }, { 'data-tone': 'warm' }),
}, { requiredKeys: ['content'] });

function rule(r: Rule): fc.Arbitrary<Json> {
  return fc.record({
    when: fc.option(fc.constantFrom(...CONDITIONS), { nil: undefined }),
    extra: fc.array(variant, { maxLength: 2 }),
    cap: fc.option(fc.record({ perVisitor: fc.integer({ min: 1, max: 20 }), perSession: fc.integer({ min: 1, max: 5 }) }, { requiredKeys: [] }), { nil: undefined }),
    learn: fc.constantFrom(undefined, 'fixed', 'bandit'),
  }).map(({ when, extra, cap, learn }) => {
    const out: Record<string, Json> = { ...r, variants: [...r.variants, ...extra.map((v, i) => ({ id: `${r.id}-extra-${i}`, ...(v.weight ? { weight: v.weight } : {}), ...v.content, ...(v.attrs ? { attrs: v.attrs as Json } : {}) }) as Json)] };
    if (when !== undefined) out.when = when;
    if (cap && Object.keys(cap).length) out.cap = cap;
    if (learn) out.learn = learn;
    return out as Json;
  });
}

/** Rules files a site owner could write: the demo's slots and rules, subsets of them, with other conditions, splits and caps. */
const validRules: fc.Arbitrary<Json> = fc.record({
  site: slug,
  origins: fc.uniqueArray(fc.constantFrom('https://shop.example', 'http://127.0.0.1:8787', 'https://www.example.com:8443'), { maxLength: 3 }),
  holdout: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  slots: fc.uniqueArray(fc.constantFrom(...Object.keys(demo.slots)), { minLength: 1 }).chain((names) =>
    fc.tuple(...names.map((n) => fc.subarray(demo.slots[n]!.rules, { minLength: 1 }).chain((rs) => fc.tuple(...rs.map(rule))))).map((perSlot) =>
      Object.fromEntries(names.map((n, i) => [n, { rules: perSlot[i]! }]))),
  ),
}).map((r) => ({ ...r, audiences: demo.audiences }) as Json);

const decoder = new TextDecoder();

/** The value as JSON text, or undefined when it nests too deep for JSON.stringify's recursion. */
function serialised(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

function check(input: BodyInput): string {
  const text = typeof input.body === 'string' ? input.body : decoder.decode(input.body);
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    expect(parsed.issue.message).toMatch(/^invalid JSON/);
    return 'refused, invalid JSON';
  }
  const before = serialised(parsed.value);
  const r = validateRules(parsed.value);
  const what = JSON.stringify(r).slice(0, 400);
  if (before !== undefined) expect(serialised(parsed.value), 'the validator changed its input').toBe(before);
  for (const issue of [...(r.ok ? [] : r.errors), ...r.warnings]) {
    expect(issue.path, what).toMatch(/^\$/);
    expect(issue.message.length, what).toBeGreaterThan(0);
  }
  if (input.kind === 'valid') expect(r.ok, what).toBe(true);
  if (r.ok) return 'accepted';
  expect(r.errors.length, what).toBeGreaterThan(0);
  return r.errors.length === 1 ? 'refused, 1 error' : 'refused, several errors';
}

describe('fuzz: the rules validator', () => {
  it('refuses every bad rules file with issues naming where, accepts every good one, bounded, without pollution or a leak', async () => {
    const report = await fuzz('rules', bodiesAround(validRules), check, (i) => i.kind);
    expectHealthy('validateRules', report);
  }, 300_000);
});
