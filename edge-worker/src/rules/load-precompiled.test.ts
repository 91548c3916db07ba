import { describe, expect, it } from 'vitest';
import { loadPrecompiled } from './load-precompiled.ts';
import { precompileRules } from './precompile.ts';
import { PRECOMPILED_FORMAT } from './precompiled-format.ts';

const RULES = {
  site: 'demo',
  origins: ['https://shop.example'],
  slots: {
    hero: {
      rules: [
        { id: 'ski', when: { 'utm.term': { $regex: 'ski' } },
          variants: [{ id: 'a', html: '<h2 onclick="x()">Hi <b>{{geo.country}}</b></h2><script>x()</script>', attrs: { class: 'hero', onload: 'x()' } }] },
      ],
    },
  },
};

// Loosely typed: the tests spoil the file in ways its type forbids.
type Loose = any;

/** A fresh precompiled file of RULES, as the build writes it. */
async function precompiled(): Promise<Loose> {
  const r = await precompileRules(JSON.stringify(RULES));
  expect(r.errors).toEqual([]);
  return JSON.parse(JSON.stringify(r.precompiled));
}

describe('precompileRules', () => {
  it('carries the sanitised node tree, the filtered attributes and the version', async () => {
    const p = await precompiled();
    expect(p).toMatchObject({ kind: 'kairos-precompiled-rules', format: PRECOMPILED_FORMAT, version: expect.stringMatching(/^[0-9a-f]{12}$/) });
    expect(p.rules.slots.hero.rules[0].variants[0]).toEqual({
      id: 'a',
      content: { nodes: [{ e: 'h2', c: [{ t: 'Hi ' }, { e: 'b', c: [{ t: '{{geo.country}}' }] }] }], attrs: { class: 'hero' } },
    });
  });

  it('refuses an invalid file with every error, and writes nothing', async () => {
    const r = await precompileRules(JSON.stringify({ site: 'Bad Site', slots: {} }));
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => e.path)).toContain('$.site');
    expect(r.precompiled).toBeUndefined();
  });
});

describe('loadPrecompiled', () => {
  it('compiles a file the build wrote', async () => {
    const p = await precompiled();
    const r = loadPrecompiled(p);
    if (!r.ok) throw new Error(r.error);
    expect(r.rules.version).toBe(p.version);
    expect(r.rules.slots.get('hero')![0]!.variants[0]!.content).toEqual(p.rules.slots.hero.rules[0].variants[0].content);
  });

  it('brings each regex compiled, and matches with it as Node does', async () => {
    const p = await precompiled();
    expect(Object.keys(p.regexes)).toEqual(['/ski']);
    const r = loadPrecompiled(p);
    if (!r.ok) throw new Error(r.error);
    const matcher = r.rules.slots.get('hero')![0]!.matcher;
    expect([matcher({ utm: { term: 'skiing' } }), matcher({ utm: { term: 'snow' } })]).toEqual([true, false]);
  });

  it('refuses what is not a precompiled file, such as the rules file itself', () => {
    expect(loadPrecompiled(RULES)).toEqual({ ok: false, error: '$ is not a precompiled rules file (its kind must be "kairos-precompiled-rules")' });
    expect(loadPrecompiled(null)).toMatchObject({ ok: false });
  });

  it('refuses another format and says to rebuild', async () => {
    const p = { ...(await precompiled()), format: PRECOMPILED_FORMAT + 1 };
    expect(loadPrecompiled(p)).toEqual({
      ok: false,
      error: `$.format is ${PRECOMPILED_FORMAT + 1}, but this edge reads format ${PRECOMPILED_FORMAT}: rebuild the rules with npm run build`,
    });
  });

  it.each([
    ['a missing version', (p: Loose) => delete p.version, '$.version is missing'],
    ['slots that are a list', (p: Loose) => (p.rules.slots = []), '$.rules.slots must be an object'],
    ['a rule without variants', (p: Loose) => (p.rules.slots.hero.rules[0].variants = []), '$.rules.slots.hero.rules[0].variants must be a non-empty list'],
    ['HTML where the node tree belongs', (p: Loose) => (p.rules.slots.hero.rules[0].variants[0].content.nodes = '<b>x</b>'),
      '$.rules.slots.hero.rules[0].variants[0].content.nodes must be a list'],
    ['a node without a tag', (p: Loose) => (p.rules.slots.hero.rules[0].variants[0].content.nodes[0].c[1] = { c: [] }),
      '$.rules.slots.hero.rules[0].variants[0].content.nodes[0].c[1].e is missing'],
    ['an attribute that is not a string', (p: Loose) => (p.rules.slots.hero.rules[0].variants[0].content.attrs = { class: 1 }),
      '$.rules.slots.hero.rules[0].variants[0].content.attrs.class must be a string'],
    ['an unknown learning mode', (p: Loose) => (p.rules.slots.hero.rules[0].learn = 'greedy'), '$.rules.slots.hero.rules[0].learn must be "fixed" or "bandit"'],
    ['no regex table', (p: Loose) => delete p.regexes, '$.regexes is missing'],
    ['a regex the table has no program for', (p: Loose) => (p.regexes = {}), '$.regexes has no program for "/ski": rebuild the rules with npm run build'],
    ['a regex program that jumps outside itself', (p: Loose) => (p.regexes['/ski'].op[0] = 3, p.regexes['/ski'].arg[0] = 99),
      '$.regexes["/ski"] is not a well-formed regex program: rebuild the rules with npm run build'],
  ])('names the problem: %s', async (_name, spoil, error) => {
    const p = await precompiled();
    spoil(p);
    expect(loadPrecompiled(p)).toEqual({ ok: false, error });
  });

  it('refuses a content tree nested past any the build writes, without overflowing', async () => {
    const p = await precompiled();
    let deep: Record<string, unknown> = { t: 'x' };
    for (let i = 0; i < 10_000; i++) deep = { e: 'b', c: [deep] };
    p.rules.slots.hero.rules[0].variants[0].content.nodes = [deep];
    expect(loadPrecompiled(p)).toMatchObject({ ok: false, error: expect.stringMatching(/is nested too deeply$/) });
  });

  it('turns what only the validator would have caught into an error, not a crash', async () => {
    const p = await precompiled();
    p.rules.origins = ['not a url'];
    expect(loadPrecompiled(p)).toMatchObject({ ok: false, error: expect.stringMatching(/^cannot compile: /) });
  });
});
