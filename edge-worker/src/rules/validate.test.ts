import { describe, expect, it } from 'vitest';
import valid from '../../test/fixtures/rules.valid.json';
import { MAX_CONDITION_DEPTH } from './conditions.ts';
import { MAX_DOCUMENT_DEPTH } from './structure.ts';
import { formatIssues, validateRules } from './validate.ts';

type Json = Record<string, unknown>;

/** A file with one slot, one rule (`rule` merged in) and optional extra top-level keys. */
function file(rule: Json = {}, top: Json = {}): Json {
  return {
    site: 'demo',
    audiences: { 'ski-fans': { 'interests.ski': { $gte: 2 } }, vip: ['v1', 'v2'] },
    ...top,
    slots: { hero: { rules: [{ id: 'r', variants: [{ id: 'v', text: 'Hi' }], ...rule }] } },
  };
}

/** `path: message` of every error. */
function errors(input: unknown): string[] {
  const r = validateRules(input);
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
}

const when = (condition: unknown) => errors(file({ when: condition }));
const W = '$.slots.hero.rules[0].when';

describe('validateRules accepts', () => {
  it('the PRODUCT.md example, returning the rules', () => {
    const r = validateRules(valid);
    expect(r).toEqual({ ok: true, rules: valid, warnings: [] });
  });

  it('every operator used well, audiences of both kinds, tokens and views', () => {
    const condition = {
      $or: [
        { 'device.type': { $in: ['mobile', 'tablet'] }, 'time.hour': { $gte: 17, $lt: 22 } },
        { $groups: { $elemMatch: { $eq: 'ski-fans' } } },
        { $groups: { $in: ['ski-fans'] } },
        { $audience: 'ski-fans' },
        { 'utm.campaign': { $inGroup: 'vip' } },
        { views: { $elemMatch: { tags: { $in: ['ski'] }, at: { $gt: 0 } } } },
        { 'views.0.tags': { $elemMatch: { $eq: 'ski' } } },
        { views: { $size: { $gte: 2 } } },
        { 'page.path': { $regexi: '^/products/', $notRegex: '-12-25$' } },
        { $not: { 'referrer.type': 'internal' } },
        { 'conversions.add-to-cart': { $exists: false } },
        { 'device.os': { $type: 'string' }, 'device.browser': { $not: { $eq: 'ie' } } },
      ],
    };
    const r = validateRules(file({ when: condition, variants: [{ id: 'v', html: '<p>Hi {{geo.country}}</p>', attrs: { href: '/x?c={{utm.campaign}}' } }] }));
    expect(r.ok ? [] : r.errors).toEqual([]);
  });
});

describe('validateRules reports every error with its path and what to fix', () => {
  it('an unknown operator, naming the nearest one', () => {
    expect(when({ 'utm.term': { $regx: 'ski' } })).toEqual([`${W}["utm.term"].$regx: unknown operator "$regx"; did you mean "$regex"?`]);
    expect(when({ $ore: [] })).toEqual([`${W}.$ore: unknown operator "$ore"; did you mean "$or"?`]);
    expect(when({ 'utm.term': { $foo: 1 } })).toEqual([`${W}["utm.term"].$foo: unknown operator "$foo"`]);
  });

  it('an operator in the wrong place', () => {
    expect(when({ $regex: 'ski' })).toEqual([`${W}.$regex: $regex compares a field's value: put it under a field, like {"utm.term": {"$regex": …}}`]);
    expect(when({ 'utm.term': { $or: [] } })).toEqual([`${W}["utm.term"].$or: $or combines conditions: use it at the condition level, like {"$or": [{…}, {…}]}`]);
    expect(when({ 'utm.term': { $regex: 'ski', plain: 1 } })).toEqual([
      `${W}["utm.term"]: mixes operators with plain keys (plain), so it would be compared as a literal object; use only operators`,
    ]);
  });

  it('operands of the wrong kind', () => {
    expect(when({ $and: {} })).toEqual([`${W}.$and: $and takes a list of conditions`]);
    expect(when({ $or: [5] })).toEqual([`${W}.$or[0]: must be a condition object, like {"device.type": "mobile"}`]);
    expect(when({ 'utm.term': { $in: 'ski' } })).toEqual([`${W}["utm.term"].$in: $in takes a list of values, like ["a", "b"]`]);
    expect(when({ 'utm.term': { $regex: 5 } })).toEqual([`${W}["utm.term"].$regex: $regex takes a regular expression as a string`]);
    expect(when({ views: { $size: 'two' } })).toEqual([`${W}.views.$size: $size takes a number or a condition on the length, like {"$gte": 2}`]);
    expect(when({ 'utm.term': { $type: 'text' } })).toEqual([`${W}["utm.term"].$type: $type takes one of string, number, boolean, array, object, null, undefined`]);
  });

  it('an invalid or unsafe regex', () => {
    expect(when({ 'utm.term': { $regex: '(?<=a)b' } })).toEqual([
      `${W}["utm.term"].$regex: the regular expression "(?<=a)b" uses a look-behind ((?<=…), which cannot be matched in linear time`,
    ]);
    expect(when({ 'page.path': { $notRegexi: '([a-z' } })[0]).toMatch(/^\$\.slots\.hero\.rules\[0\]\.when\["page\.path"\]\.\$notRegexi: the regular expression "\(\[a-z" does not compile/);
    expect(when({ 'page.path': { $regex: '(\\w)\\1' } })[0]).toMatch(/uses a back-reference/);
  });

  it('an unknown context field, with the nearest known one', () => {
    expect(when({ 'device.typ': 'mobile' })).toEqual([`${W}["device.typ"]: unknown context field "device.typ"; did you mean "device.type"?`]);
    expect(when({ 'interest.ski': { $gt: 1 } })).toEqual([`${W}["interest.ski"]: unknown context field "interest.ski"; did you mean "interests.ski"?`]);
    expect(when({ weather: 'rain' })[0]).toMatch(/unknown context field "weather"; fields are page\.\*, referrer\.\*/);
    expect(when({ views: { $elemMatch: { tag: 'ski' } } })).toEqual([
      `${W}.views.$elemMatch.tag: unknown field "tag" of a view; did you mean "tags"?; a view has id, tags and at`,
    ]);
  });

  it('a value the field never has', () => {
    expect(when({ 'device.type': 'phone' })).toEqual([
      `${W}["device.type"]: device.type is compared with "phone", which it never is: one of mobile, tablet, desktop, tv, bot`,
    ]);
    expect(when({ 'referrer.type': { $in: ['search', 'seo'] } })).toEqual([
      `${W}["referrer.type"].$in[1]: referrer.type is compared with "seo", which it never is: one of search, social, email, paid, ai, internal, direct, other`,
    ]);
    expect(when({ 'time.hour': { $eq: '9' } })).toEqual([`${W}["time.hour"].$eq: time.hour is a number, but "9" is a string and $eq does not convert, so it never matches`]);
    expect(when({ 'time.hour': '9', 'device.touch': 'true', 'utm.term': { $ne: 5, $nin: [1] } })).toEqual([]);
  });

  it('a plain value or $eq on a list', () => {
    expect(when({ views: { $elemMatch: { tags: { $eq: 'ski' } } } })).toEqual([
      `${W}.views.$elemMatch.tags.$eq: tags is a list, so $eq with "ski" never matches; to test for one item, write {"$elemMatch": {"$eq": "ski"}} or {"$in": ["ski"]}`,
    ]);
    const r = validateRules(file({ when: { 'views.0.tags': 'ski' } }));
    expect(r.ok && r.warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([
      `${W}["views.0.tags"]: views.0.tags is a list: a plain value matches only a list that equals it exactly; to test for one item, write {"$elemMatch": {"$eq": "ski"}} or {"$in": ["ski"]}`,
    ]);
  });

  it('an unknown audience, wherever it is referenced', () => {
    expect(when({ $audience: 'ski-fan' })).toEqual([`${W}.$audience: unknown audience "ski-fan"; did you mean "ski-fans"?`]);
    expect(when({ $groups: { $elemMatch: { $eq: 'golf' } } })).toEqual([`${W}.$groups.$elemMatch.$eq: unknown audience "golf"; define it under $.audiences`]);
    expect(when({ $groups: { $in: ['ski-fans', 'golf'] } })).toEqual([`${W}.$groups.$in[1]: unknown audience "golf"; define it under $.audiences`]);
    expect(when({ $groups: { $all: ['golf'] } })).toEqual([`${W}.$groups.$all[0]: unknown audience "golf"; define it under $.audiences`]);
    expect(when({ 'utm.source': { $inGroup: 'vips' } })).toEqual([`${W}["utm.source"].$inGroup: unknown audience "vips"; did you mean "vip"?`]);
    expect(when({ 'utm.source': { $notInGroup: 'nobody' } })).toEqual([`${W}["utm.source"].$notInGroup: unknown audience "nobody"; define it under $.audiences`]);
  });

  it('an audience of the wrong kind for its operator', () => {
    expect(when({ 'utm.source': { $inGroup: 'ski-fans' } })).toEqual([
      `${W}["utm.source"].$inGroup: audience "ski-fans" is a condition, but $inGroup / $notInGroup need a list of values; match a condition audience with {"$audience": "ski-fans"}`,
    ]);
    expect(when({ $audience: 'vip' })).toEqual([`${W}.$audience: audience "vip" is a list of values; use it as {"<field>": {"$inGroup": "vip"}}`]);
    expect(when({ $groups: 'ski-fans' })[0]).toMatch(/\$groups is the list of audiences the visitor is in/);
  });

  it('audience cycles, once per cycle, including an audience that uses itself', () => {
    const audiences = {
      a: { $audience: 'b' },
      b: { $groups: { $elemMatch: { $eq: 'c' } } },
      c: { $or: [{ $audience: 'a' }] },
      self: { $audience: 'self' },
      fine: { $audience: 'a' },
    };
    expect(errors(file({}, { audiences }))).toEqual([
      '$.audiences.a: audiences depend on each other in a cycle (a → b → c → a), so none of them can be decided',
      '$.audiences.self: audiences depend on each other in a cycle (self → self), so none of them can be decided',
    ]);
  });

  it('checks the conditions of audiences too', () => {
    expect(errors(file({}, { audiences: { x: { 'device.type': 'phone' } } }))).toEqual([
      '$.audiences.x["device.type"]: device.type is compared with "phone", which it never is: one of mobile, tablet, desktop, tv, bot',
    ]);
  });

  it('weights that are not positive', () => {
    expect(errors(file({ variants: [{ id: 'a', weight: 0, text: 'A' }, { id: 'b', weight: -5, text: 'B' }] }))).toEqual([
      '$.slots.hero.rules[0].variants[0].weight: must be greater than 0',
      '$.slots.hero.rules[0].variants[1].weight: must be greater than 0',
    ]);
  });

  it('duplicate rule ids within a slot and duplicate variant ids within a rule', () => {
    const input = {
      site: 'demo',
      slots: {
        hero: { rules: [{ id: 'a', variants: [{ id: 'v', text: '1' }] }, { id: 'a', variants: [{ id: 'v', text: '1' }, { id: 'v', text: '2' }] }] },
        promo: { rules: [{ id: 'a', variants: [{ id: 'v', text: '1' }] }] },
      },
    };
    expect(errors(input)).toEqual([
      '$.slots.hero.rules[1].id: duplicate rule id "a" (also rules[0]); ids must be unique within a slot',
      '$.slots.hero.rules[1].variants[1].id: duplicate variant id "v" (also variants[0]); ids must be unique within a rule',
    ]);
  });

  it('a variant without content, and one with both text and html', () => {
    expect(errors(file({ variants: [{ id: 'a' }, { id: 'b', attrs: {} }, { id: 'c', text: 'x', html: '<b>x</b>' }] }))).toEqual([
      '$.slots.hero.rules[0].variants[0]: has no content: give it text, html or attrs',
      '$.slots.hero.rules[0].variants[1]: has no content: give it text, html or attrs',
      '$.slots.hero.rules[0].variants[2].html: a variant has either text or html, not both; keep one',
    ]);
  });

  it('a token that names no context field', () => {
    expect(errors(file({ variants: [{ id: 'a', text: 'Hi {{geo.contry}}' }, { id: 'b', attrs: { href: '/{{pag.path}}' } }] }))).toEqual([
      '$.slots.hero.rules[0].variants[0].text: the token {{geo.contry}} names no context field; did you mean {{geo.country}}?',
      '$.slots.hero.rules[0].variants[1].attrs.href: the token {{pag.path}} names no context field; did you mean {{page.path}}?',
    ]);
  });

  it('a schedule that ends before it starts, or on dates that do not exist', () => {
    const S = '$.slots.hero.rules[0].schedule';
    expect(errors(file({ schedule: { start: '2027-01-06T00:00:00Z', end: '2026-12-01T00:00:00Z' } }))).toEqual([
      `${S}.end: the schedule ends (2026-12-01T00:00:00Z) before it starts (2027-01-06T00:00:00Z); swap or fix the dates`,
    ]);
    expect(errors(file({ schedule: { start: '2026-12-01T00:00:00Z', end: '2026-12-01T01:00:00+01:00' } }))).toEqual([
      `${S}.end: the schedule ends when it starts, so the rule never applies`,
    ]);
    expect(errors(file({ schedule: { start: '2026-02-30T00:00:00Z', end: '2026-13-01T00:00:00Z' } }))).toEqual([
      `${S}.start: "2026-02-30T00:00:00Z" is not a real date and time`,
      `${S}.end: "2026-13-01T00:00:00Z" is not a real date and time`,
    ]);
    expect(errors(file({ schedule: { start: '2028-02-29T23:59:59.999+14:00' } }))).toEqual([]);
  });

  it('__proto__, constructor and prototype keys anywhere', () => {
    const text = '{"site":"demo","__proto__":{"polluted":true},"slots":{"hero":{"rules":[{"id":"r","when":{"constructor":{"prototype":1}},"variants":[{"id":"v","text":"x"}]}]}}}';
    expect(errors(JSON.parse(text))).toEqual([
      '$.__proto__: the key "__proto__" is not allowed anywhere (it could tamper with object prototypes)',
      '$.slots.hero.rules[0].when.constructor: the key "constructor" is not allowed anywhere (it could tamper with object prototypes)',
    ]);
    expect(({} as Json).polluted).toBeUndefined();
  });

  it('conditions nested deeper than the bound', () => {
    let deep: Json = { 'device.type': 'mobile' };
    for (let i = 0; i < MAX_CONDITION_DEPTH + 1; i++) deep = { $not: deep };
    expect(when(deep)).toEqual([`${W}${'.$not'.repeat(MAX_CONDITION_DEPTH + 1)}: is nested more than ${MAX_CONDITION_DEPTH} levels deep; flatten it or move parts into audiences`]);
  });

  it('a document too deep to walk, without overflowing the stack', () => {
    const text = `{"site":"demo","slots":{},"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const found = errors(JSON.parse(text));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`is nested more than ${MAX_DOCUMENT_DEPTH} levels deep`));
  });

  it('all errors of a file at once, in one pass', () => {
    const input = file({
      id: 'Bad Id',
      when: { 'device.typ': 'mobile', 'utm.term': { $regex: '(a)\\1' } },
      variants: [{ id: 'v', weight: 0 }],
    }, { holdout: 2 });
    expect(errors(input)).toHaveLength(6);
  });
});

describe('warnings', () => {
  it('report what the sanitiser removed, at the variant, without refusing the file', () => {
    const r = validateRules(file({
      variants: [
        { id: 'a', html: '<p onclick="x()">Hi</p><script>alert(1)</script>' },
        { id: 'b', text: 'x', attrs: { href: 'javascript:alert(1)', class: 'c' } },
        { id: 'c', html: '<script>only code</script>' },
      ],
    }));
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => `${w.severity} ${w.path}: ${w.message}`)).toEqual([
      'warning $.slots.hero.rules[0].variants[0].html: removed attribute onclick on <p>',
      'warning $.slots.hero.rules[0].variants[0].html: removed <script> element',
      'warning $.slots.hero.rules[0].variants[1].attrs: removed javascript: URL in href on the slot element',
      'warning $.slots.hero.rules[0].variants[2].html: removed <script> element',
      'warning $.slots.hero.rules[0].variants[2].html: nothing is left after sanitising: the slot would be emptied',
    ]);
  });

  it('a bandit without a goal', () => {
    const r = validateRules(file({ learn: 'bandit' }));
    expect(r.ok && r.warnings.map((w) => w.path)).toEqual(['$.slots.hero.rules[0].learn']);
  });
});

describe('formatIssues', () => {
  it('writes one line per issue: severity, path, message', () => {
    expect(formatIssues([
      { severity: 'error', path: '$.site', message: 'is required but missing' },
      { severity: 'warning', path: '$.slots.hero.rules[0].variants[0].html', message: 'removed <script> element' },
    ])).toBe('error $.site: is required but missing\nwarning $.slots.hero.rules[0].variants[0].html: removed <script> element');
  });
});

describe('token checks', () => {
  it('do not depend on the engine token regex state', async () => {
    const { hasTokens } = await import('../language/tokens.ts');
    hasTokens('{"t":"a long prefix before {{page.path}}"}');
    expect(errors(file({ variants: [{ id: 'a', text: '{{geo.contry}}' }] }))).toEqual([
      '$.slots.hero.rules[0].variants[0].text: the token {{geo.contry}} names no context field; did you mean {{geo.country}}?',
    ]);
  });
});
