import { describe, expect, it } from 'vitest';
import type { Matcher } from './types.ts';
import type { Condition } from '../language/condition.ts';
import { compileCondition, conditionFields, evalCondition } from './conditions.ts';

/** A matcher that counts its calls. */
function counting(result: boolean | Matcher): Matcher & { calls: number } {
  const m = ((ctx: unknown) => {
    m.calls++;
    return typeof result === 'function' ? result(ctx) : result;
  }) as Matcher & { calls: number };
  m.calls = 0;
  return m;
}

/** Compiles audiences the way the rules compiler does: into a record that fills while they compile. */
function compileAudiences(defs: Record<string, Condition>): Record<string, Matcher> {
  const audiences: Record<string, Matcher> = {};
  for (const [name, cond] of Object.entries(defs)) audiences[name] = compileCondition(cond, { audiences });
  return audiences;
}

describe('regex operators', () => {
  it('compile invalid or non-string patterns to a matcher that never matches', () => {
    for (const op of ['$regex', '$regexi', '$notRegex', '$notRegexi']) {
      expect(evalCondition({ s: 'x' }, { s: { [op]: '([' } })).toBe(false);
      expect(evalCondition({ s: 'x' }, { s: { [op]: 5 } })).toBe(false);
    }
  });

  it('$notRegex / $notRegexi negate a valid pattern', () => {
    expect(evalCondition({ s: 'Ski trip' }, { s: { $notRegex: 'ski' } })).toBe(true);
    expect(evalCondition({ s: 'Ski trip' }, { s: { $notRegexi: 'ski' } })).toBe(false);
    expect(evalCondition({ s: 'golf' }, { s: { $notRegexi: 'ski' } })).toBe(true);
  });

  it('test the string form of non-strings, like GrowthBook', () => {
    expect(evalCondition({}, { missing: { $regex: '^null$' } })).toBe(true);
    expect(evalCondition({ n: 42 }, { n: { $regex: '^4' } })).toBe(true);
  });

  it('keep no state between evaluations', () => {
    const m = compileCondition({ s: { $regex: 'a' } });
    for (let i = 0; i < 5; i++) expect(m({ s: 'banana' })).toBe(true);
  });
});

describe('string equality on arrays', () => {
  // GrowthBook compares `value + ""`, so an array equals its comma join; Kairos compares without joining.
  it.each([
    [['ski'], 'ski', true],
    [['ski', 'kids'], 'ski,kids', true],
    [['ski', 'kids'], 'ski', false],
    [['ski', 'kids'], 'ski,kids,', false],
    [['ski,kids'], 'ski,kids', true],
    [[], '', true],
    [['a', 1, null], 'a,1,', true],
    [[['a', 'b'], 'c'], 'a,b,c', true],
    [['', ''], ',', true],
  ])('%j equals %j: %s', (tags, s, expected) => {
    expect(evalCondition({ tags }, { tags: s })).toBe(expected);
    expect(evalCondition({ tags }, { tags: s })).toBe(`${tags as unknown[]}` === s);
  });
});

describe('$inGroup / $notInGroup', () => {
  const groups = { vips: ['u1', 'u2'], empty: [] };

  it('test membership in saved value lists, arrays by intersection', () => {
    expect(evalCondition({ id: 'u1' }, { id: { $inGroup: 'vips' } }, groups)).toBe(true);
    expect(evalCondition({ id: ['x', 'u2'] }, { id: { $inGroup: 'vips' } }, groups)).toBe(true);
    expect(evalCondition({ id: 'u3' }, { id: { $notInGroup: 'vips' } }, groups)).toBe(true);
    expect(evalCondition({ id: 'u3' }, { id: { $inGroup: 'empty' } }, groups)).toBe(false);
  });

  it('look ids up as own properties only', () => {
    expect(evalCondition({ id: 'x' }, { id: { $inGroup: 'constructor' } }, groups)).toBe(false);
    expect(evalCondition({ id: 'x' }, { id: { $notInGroup: 'toString' } }, groups)).toBe(true);
  });

  it('match nobody when an entry is not a list', () => {
    const bad = { odd: 'u1' } as unknown as Record<string, unknown[]>;
    expect(evalCondition({ id: 'u1' }, { id: { $inGroup: 'odd' } }, bad)).toBe(false);
    expect(evalCondition({ id: 'u2' }, { id: { $notInGroup: 'odd' } }, bad)).toBe(false);
  });
});

describe('prototype pollution', () => {
  it('paths through __proto__, constructor or prototype never resolve', () => {
    expect(evalCondition({}, { '__proto__.polluted': { $exists: false } })).toBe(true);
    expect(evalCondition({}, { 'constructor.name': 'Object' })).toBe(false);
    expect(evalCondition({}, { constructor: { $exists: true } })).toBe(false);
    expect(evalCondition({}, { toString: { $exists: true } })).toBe(false);
    expect(evalCondition({ tags: [] }, { 'tags.constructor.prototype': { $exists: true } })).toBe(false);
  });

  it('hostile JSON keys in the condition or in the context stay inert', () => {
    const cond = JSON.parse('{"__proto__": {"polluted": "yes"}, "__proto__.polluted": "yes"}') as Condition;
    const ctx = JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown;
    expect(evalCondition(ctx, cond)).toBe(false);
    expect(evalCondition(ctx, { '__proto__.polluted': 'yes' })).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('$groups with audiences', () => {
  const ctx = { device: { type: 'mobile' } };

  it('reads the names of the audiences the context matches', () => {
    const audiences = { a: counting(true), b: counting(false), c: counting(true) };
    const m = compileCondition({ $groups: ['a', 'c'] }, { audiences });
    expect(m(ctx)).toBe(true);
    expect(compileCondition({ $groups: { $elemMatch: { $eq: 'b' } } }, { audiences })(ctx)).toBe(false);
  });

  it('calls each audience matcher at most once per evaluation', () => {
    const audiences = { a: counting(true), b: counting(false), c: counting(true) };
    const m = compileCondition(
      {
        $and: [
          { $groups: { $elemMatch: { $eq: 'a' } } },
          { $groups: { $size: 2 } },
          { $or: [{ $groups: { $elemMatch: { $eq: 'x' } } }, { $audience: ['a', 'c'] }] },
        ],
        $not: { $audience: 'b' },
      },
      { audiences },
    );
    expect(m(ctx)).toBe(true);
    expect([audiences.a.calls, audiences.b.calls, audiences.c.calls]).toEqual([1, 1, 1]);
    // A new evaluation computes again: nothing is carried over to another context.
    expect(m({})).toBe(true);
    expect([audiences.a.calls, audiences.b.calls, audiences.c.calls]).toEqual([2, 2, 2]);
  });

  it('is lazy: audiences are not evaluated when the condition does not get there', () => {
    const audiences = { a: counting(true) };
    const m = compileCondition({ 'device.type': 'desktop', $groups: { $elemMatch: { $eq: 'a' } } }, { audiences });
    expect(m(ctx)).toBe(false);
    expect(audiences.a.calls).toBe(0);
  });

  it('passes the evaluated context to audience matchers', () => {
    const audiences = { mobile: counting((c) => evalCondition(c, { 'device.type': 'mobile' })) };
    const m = compileCondition({ $groups: { $in: ['mobile'] } }, { audiences });
    expect(m(ctx)).toBe(true);
    expect(m({ device: { type: 'desktop' } })).toBe(false);
  });

  it('reads $groups from the context when no audiences are given (GrowthBook mode)', () => {
    expect(evalCondition({ $groups: ['a'] }, { $groups: { $elemMatch: { $eq: 'a' } } })).toBe(true);
    expect(compileCondition({ $groups: { $elemMatch: { $eq: 'a' } } })({ $groups: ['a'] })).toBe(true);
  });

  it('inside $elemMatch, $groups is a field of the element', () => {
    const audiences = { a: counting(true) };
    // (An operand whose keys all start with `$` would be read as operators, as in GrowthBook.)
    const m = compileCondition({ list: { $elemMatch: { $groups: 'x', id: 1 } } }, { audiences });
    expect(m({ list: [{ $groups: 'x', id: 1 }] })).toBe(true);
    expect(audiences.a.calls).toBe(0);
  });

  it('treats a throwing audience matcher as not matching', () => {
    const audiences: Record<string, Matcher> = {
      boom: () => {
        throw new Error('boom');
      },
      ok: () => true,
    };
    expect(compileCondition({ $groups: ['ok'] }, { audiences })(ctx)).toBe(true);
  });
});

describe('$audience', () => {
  const audiences = compileAudiences({
    mobile: { 'device.type': 'mobile' },
    search: { 'referrer.type': 'search' },
    'mobile-search': { $audience: ['mobile', 'search'] },
  });
  const ctx = { device: { type: 'mobile' }, referrer: { type: 'search' } };

  it('holds when the context matches every named audience', () => {
    expect(compileCondition({ $audience: 'mobile' }, { audiences })(ctx)).toBe(true);
    expect(compileCondition({ $audience: ['mobile', 'search'] }, { audiences })(ctx)).toBe(true);
    expect(compileCondition({ $audience: 'mobile-search' }, { audiences })(ctx)).toBe(true);
    expect(compileCondition({ $audience: ['mobile', 'search'] }, { audiences })({ device: { type: 'mobile' } })).toBe(false);
  });

  it('combines with fields and logical operators', () => {
    expect(compileCondition({ $or: [{ $audience: 'nope' }, { $audience: 'search' }] }, { audiences })(ctx)).toBe(true);
    expect(compileCondition({ $not: { $audience: 'mobile' } }, { audiences })(ctx)).toBe(false);
    expect(compileCondition({ $audience: 'mobile', 'geo.country': 'FR' }, { audiences })(ctx)).toBe(false);
  });

  it('is false for unknown names, missing audiences or a malformed operand', () => {
    expect(compileCondition({ $audience: 'unknown' }, { audiences })(ctx)).toBe(false);
    expect(compileCondition({ $audience: ['mobile', 'unknown'] }, { audiences })(ctx)).toBe(false);
    expect(compileCondition({ $audience: 'mobile' })(ctx)).toBe(false);
    for (const bad of [null, 5, { mobile: true }, ['mobile', 1]]) {
      expect(compileCondition({ $audience: bad }, { audiences })(ctx)).toBe(false);
    }
  });

  it('terminates on cyclic audiences, treating the cycle as no match', () => {
    const cyclic = compileAudiences({
      a: { $audience: 'b' },
      b: { $audience: 'a' },
      self: { $groups: { $elemMatch: { $eq: 'self' } } },
      ok: { x: 1 },
    });
    expect(compileCondition({ $audience: 'a' }, { audiences: cyclic })({ x: 1 })).toBe(false);
    expect(compileCondition({ $audience: 'self' }, { audiences: cyclic })({ x: 1 })).toBe(false);
    expect(compileCondition({ $audience: 'ok' }, { audiences: cyclic })({ x: 1 })).toBe(true);
  });

  it('stops a cycle at once rather than by exhausting the stack', () => {
    const audiences: Record<string, Matcher> = {};
    const a = counting(compileCondition({ $audience: 'b' }, { audiences }));
    const b = counting(compileCondition({ $groups: { $elemMatch: { $eq: 'a' } } }, { audiences }));
    Object.assign(audiences, { a, b });
    expect(compileCondition({ $audience: 'a' }, { audiences })({})).toBe(false);
    expect([a.calls, b.calls]).toEqual([1, 1]);
  });

  it('evaluates a shared base audience once, however many audiences use it', () => {
    const audiences: Record<string, Matcher> = {};
    const base = counting(compileCondition({ x: 1 }));
    audiences.base = base;
    audiences.a = compileCondition({ $audience: 'base' }, { audiences });
    audiences.b = compileCondition({ $audience: 'base', y: { $ne: 2 } }, { audiences });
    audiences.c = compileCondition({ $groups: { $all: ['base', 'a'] } }, { audiences });
    const rule = compileCondition({ $audience: ['a', 'b', 'c'] }, { audiences });
    expect(rule({ x: 1 })).toBe(true);
    expect(base.calls).toBe(1);
    expect(rule({ x: 2 })).toBe(false);
    expect(base.calls).toBe(2);
  });
});

describe('conditionFields', () => {
  it('lists the sorted unique paths, operators excluded', () => {
    const cond = {
      'utm.term': { $regex: 'ski' },
      $or: [{ 'referrer.type': 'search' }, { 'device.type': { $in: ['mobile'] } }],
      $nor: [{ 'utm.term': 'x' }],
      $not: { 'time.hour': { $gte: 22 } },
      views: { $elemMatch: { tags: { $in: ['ski'] } } },
    };
    expect(conditionFields(cond)).toEqual(['device.type', 'referrer.type', 'time.hour', 'utm.term', 'views']);
    expect(conditionFields({})).toEqual([]);
  });

  const audiences = {
    'ski-fans': { 'interests.ski': { $gte: 2 } },
    mobile: { 'device.type': 'mobile' },
    returning: { $audience: 'ski-fans', 'visitor.returning': true },
    vips: ['u1', 'u2'],
    loop: { $audience: 'loop2', 'geo.country': 'FR' },
    loop2: { $audience: 'loop', 'session.isNew': true },
  };

  it('expands $audience into the fields of the audiences it names, transitively', () => {
    expect(conditionFields({ $audience: 'returning' }, audiences)).toEqual(['interests.ski', 'visitor.returning']);
    expect(conditionFields({ $audience: ['mobile', 'unknown'], 'page.path': '/' }, audiences)).toEqual(['device.type', 'page.path']);
  });

  it('ends on cycles', () => {
    expect(conditionFields({ $audience: 'loop' }, audiences)).toEqual(['geo.country', 'session.isNew']);
  });

  it('expands $groups into the audiences it asks about, or all of them', () => {
    expect(conditionFields({ $groups: { $elemMatch: { $eq: 'mobile' } } }, audiences)).toEqual(['device.type']);
    expect(conditionFields({ $groups: { $all: ['mobile'], $nin: ['ski-fans'] } }, audiences)).toEqual(['device.type', 'interests.ski']);
    expect(conditionFields({ $groups: { $size: 0 } }, audiences)).toEqual([
      'device.type', 'geo.country', 'interests.ski', 'session.isNew', 'visitor.returning',
    ]);
  });

  it('reads value lists as no fields, and $inGroup as its own field', () => {
    expect(conditionFields({ $audience: 'vips' }, audiences)).toEqual([]);
    expect(conditionFields({ 'visitor.id': { $inGroup: 'vips' } }, audiences)).toEqual(['visitor.id']);
  });

  it('keeps $groups as a field without audiences (GrowthBook mode)', () => {
    expect(conditionFields({ $groups: { $elemMatch: { $eq: 'a' } } })).toEqual(['$groups']);
  });

  it('ignores malformed parts', () => {
    expect(conditionFields({ $and: 'x', $or: [null, 5, { a: 1 }], $audience: 7 } as Condition, audiences)).toEqual(['a']);
  });
});

describe('never throws', () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  const hostile = {
    get boom(): unknown {
      throw new Error('getter');
    },
    bare: Object.create(null) as unknown,
    big: 10n,
    sym: Symbol('s'),
    fn: () => 1,
    cyclic,
    huge: Array.from({ length: 1_000_000 }, (_, i) => i),
    str: 'x'.repeat(100_000),
  };
  const contexts: unknown[] = [hostile, null, undefined, 0, 'text', [], [hostile], cyclic, Object.create(null)];
  const conditions: Condition[] = [
    { boom: 1 },
    { bare: 'x' },
    { bare: { $regex: 'x' } },
    { big: 10 },
    { big: { $gt: 'a' } },
    { sym: 's' },
    { sym: { $vgt: '1.0.0' } },
    { cyclic: { a: 1 } },
    { cyclic: { $size: 1 } },
    { fn: { $type: 'unknown' } },
    { huge: { $in: [-1] } },
    { huge: { $all: [999_999, -1] } },
    { huge: { $elemMatch: { $gt: 999_998 } } },
    { huge: [1, 2] },
    { str: { $regexi: '^x+$' } },
    { str: { $veq: '1' } },
    { 'cyclic.self.self.self.a': 1 },
    { $or: null, $and: null } as Condition,
    { $not: null } as Condition,
    { a: { $elemMatch: null } },
    { a: undefined },
    { a: { $in: null, $all: null, $size: null, $not: null, $type: null } },
  ];

  it.each(conditions.map((c, i) => [i, c] as const))('condition %i returns a boolean on any context', (_i, cond) => {
    const m = compileCondition(cond, { savedGroups: {}, audiences: { x: () => true } });
    for (const ctx of contexts) expect(typeof m(ctx)).toBe('boolean');
  });

  it('handles huge arrays correctly, not just safely', () => {
    expect(evalCondition(hostile, { huge: { $in: [999_999] } })).toBe(true);
    expect(evalCondition(hostile, { huge: { $elemMatch: { $gt: 999_998 } } })).toBe(true);
  });

  it('compiles absurdly deep conditions to a matcher that is false', () => {
    let cond: Condition = { a: 1 };
    for (let i = 0; i < 100_000; i++) cond = { $and: [cond] };
    expect(() => compileCondition(cond)).not.toThrow();
    expect(compileCondition(cond)({ a: 1 })).toBe(false);
  });

  it('is false where GrowthBook would throw, true where it short-circuits first', () => {
    expect(evalCondition({ a: 1 }, { $or: null } as Condition)).toBe(false);
    expect(evalCondition({ a: [1] }, { a: { $elemMatch: null } })).toBe(false);
    expect(evalCondition({ a: 'x' }, { a: { $elemMatch: null } })).toBe(false);
    expect(evalCondition({ a: 1 }, { $or: [{ a: 1 }, null] } as Condition)).toBe(true);
  });
});
