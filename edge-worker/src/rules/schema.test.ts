import * as v from 'valibot';
import { describe, expect, expectTypeOf, it } from 'vitest';
import committed from '../../rules.schema.json';
import valid from '../../test/fixtures/rules.valid.json';
import type { RulesFile } from './types.ts';
import { rulesJsonSchema } from './json-schema.ts';
import { rulesFileSchema } from './schema.ts';
import { validateRules } from './validate.ts';

/** Errors of validating `input`, as `path: message` lines. */
function errors(input: unknown): string[] {
  const r = validateRules(input);
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
}

const base = () => ({ site: 'demo', slots: { hero: { rules: [{ id: 'r', variants: [{ id: 'v', text: 'Hi' }] }] } } });

describe('rules schema', () => {
  it('types its output as the public RulesFile', () => {
    expectTypeOf<v.InferOutput<typeof rulesFileSchema>>().toExtend<RulesFile>();
  });

  it('accepts the PRODUCT.md example and a minimal file', () => {
    expect(v.safeParse(rulesFileSchema, valid).success).toBe(true);
    expect(errors(base())).toEqual([]);
    expect(errors({ ...base(), $schema: './rules.schema.json' })).toEqual([]);
  });

  it.each([
    [{ slots: {} }, '$.site: is required but missing'],
    [{ site: '', slots: {} }, '$.site: must be a slug: lower-case letters and digits joined by - or _ (like "home-hero")'],
    [{ site: 'My Site', slots: {} }, '$.site: must be a slug: lower-case letters and digits joined by - or _ (like "home-hero")'],
    [{ site: 5, slots: {} }, '$.site: must be a string, not number 5'],
    [{ site: 'demo' }, '$.slots: is required but missing'],
    [{ site: 'demo', slots: [] }, '$.slots: must be an object ({…}), not a list'],
    [{ site: 'demo', slots: { Hero: { rules: [{ id: 'r', variants: [{ id: 'v', text: 'x' }] }] } } }, '$.slots.Hero: the key "Hero" must be a slug: lower-case letters and digits joined by - or _ (like "home-hero")'],
    [{ ...base(), origins: ['https://shop.example/'] }, '$.origins[0]: must be an http(s) origin: scheme and host, no path or trailing slash (like https://shop.example); write https://shop.example'],
    [{ ...base(), origins: ['ftp://shop.example'] }, '$.origins[0]: must be an http(s) origin: scheme and host, no path or trailing slash (like https://shop.example); write ftp://shop.example'],
    [{ ...base(), origins: ['shop.example'] }, '$.origins[0]: must be an http(s) origin: scheme and host, no path or trailing slash (like https://shop.example)'],
    [{ ...base(), holdout: 1 }, '$.holdout: must be less than 1 (a share: 0.05 keeps 5 % of visitors on default content)'],
    [{ ...base(), holdout: -0.1 }, '$.holdout: must be at least 0'],
    [{ ...base(), interestHalfLifeDays: 0 }, '$.interestHalfLifeDays: must be greater than 0'],
    [{ ...base(), audiences: { a: 'x' } }, '$.audiences.a: must be a condition object or a list of values, not the string "x"'],
    [{ ...base(), audiences: { a: [1, {}] } }, '$.audiences.a[1]: must be a string, a number or a boolean, not an object'],
    [{ site: 'demo', slots: { hero: { rules: [] } } }, '$.slots.hero.rules: needs at least one rule'],
    [{ site: 'demo', slots: { hero: { rules: [{ id: 'r', variants: [] }] } } }, '$.slots.hero.rules[0].variants: needs at least one variant'],
    [{ site: 'demo', slots: { hero: { rules: [{ id: 'r', when: [], variants: [{ id: 'v', text: 'x' }] }] } } }, '$.slots.hero.rules[0].when: must be a condition object, like {"device.type": "mobile"}, not a list'],
    [{ site: 'demo', slots: { hero: { rules: [{ id: 'r', learn: 'greedy', variants: [{ id: 'v', text: 'x' }] }] } } }, '$.slots.hero.rules[0].learn: must be "fixed" or "bandit", not the string "greedy"'],
    [{ site: 'demo', slots: { hero: { rules: [{ id: 'r', cap: { perVisitor: 1.5 }, variants: [{ id: 'v', text: 'x' }] }] } } }, '$.slots.hero.rules[0].cap.perVisitor: must be a whole number'],
    [{ site: 'demo', slots: { hero: { rules: [{ id: 'r', cap: { perSession: 0 }, variants: [{ id: 'v', text: 'x' }] }] } } }, '$.slots.hero.rules[0].cap.perSession: must be at least 1'],
    [{ site: 'demo', slots: { hero: { rules: [{ id: 'r', goal: '', variants: [{ id: 'v', text: 'x' }] }] } } }, '$.slots.hero.rules[0].goal: must not be empty'],
    [{ site: 'demo', slots: { hero: { rules: [{ id: 'r', schedule: { start: '2026-12-01' }, variants: [{ id: 'v', text: 'x' }] }] } } }, '$.slots.hero.rules[0].schedule.start: must be an ISO 8601 instant with a time zone, like 2026-12-01T00:00:00Z'],
    [{ site: 'demo', slots: { hero: { rules: [{ id: 'r', variants: [{ id: 'v', weight: -1, text: 'x' }] }] } } }, '$.slots.hero.rules[0].variants[0].weight: must be greater than 0'],
    [{ site: 'demo', slots: { hero: { rules: [{ id: 'r', variants: [{ id: 'v', weight: 0, text: 'x' }] }] } } }, '$.slots.hero.rules[0].variants[0].weight: must be greater than 0'],
    [{ site: 'demo', slots: { hero: { rules: [{ id: 'r', variants: [{ id: 'v', weight: '50', text: 'x' }] }] } } }, '$.slots.hero.rules[0].variants[0].weight: must be a number, not the string "50"'],
    [{ site: 'demo', slots: { hero: { rules: [{ id: 'r', variants: [{ id: 'v', attrs: { class: 1 } }] }] } } }, '$.slots.hero.rules[0].variants[0].attrs.class: must be a string, not number 1'],
  ])('reports a wrong shape with its path: %j', (input, expected) => {
    expect(errors(input)).toContain(expected);
  });

  it('names the nearest key for a typo and leaves out the "missing" error it causes', () => {
    const input = { site: 'demo', slots: { hero: { rules: [{ id: 'r', wehn: {}, varients: [{ id: 'v', text: 'x' }] }] } } };
    expect(errors(input)).toEqual([
      '$.slots.hero.rules[0].wehn: unknown key "wehn"; did you mean "when"?',
      '$.slots.hero.rules[0].varients: unknown key "varients"; did you mean "variants"?',
    ]);
  });

  it('lists every unknown key, in every object, with the allowed keys when nothing is close', () => {
    const input = { ...base(), colour: 'red', slots: { hero: { rules: [{ id: 'r', variants: [{ id: 'v', text: 'x', txet: 'y' }] }], extra: 1 } } };
    expect(errors(input)).toEqual([
      '$.slots.hero.rules[0].variants[0].txet: unknown key "txet"; did you mean "text"?',
      '$.slots.hero.extra: unknown key "extra"; allowed here: rules',
      '$.colour: unknown key "colour"; allowed here: $schema, site, origins, holdout, audiences, interestHalfLifeDays, goals, retentionDays, slots',
    ]);
  });

  it('reports a non-object file at $', () => {
    expect(errors(5)).toEqual(['$: must be an object ({…}), not number 5']);
    expect(errors(null)).toEqual(['$: must be an object ({…}), not null']);
  });
});

describe('rules.schema.json', () => {
  it('is what the valibot schema generates (run `node edge-worker/scripts/gen-schema.mjs` after changing schema.ts)', () => {
    expect(
      committed,
      'edge-worker/rules.schema.json is stale: regenerate it with `node edge-worker/scripts/gen-schema.mjs` and commit it',
    ).toEqual(rulesJsonSchema());
  });

  it('forbids unknown keys and carries help for editors', () => {
    const schema = rulesJsonSchema() as { additionalProperties: boolean; properties: Record<string, { description?: string }> };
    expect(schema.additionalProperties).toBe(false);
    for (const [key, prop] of Object.entries(schema.properties)) expect(prop.description, key).toBeTruthy();
  });
});
