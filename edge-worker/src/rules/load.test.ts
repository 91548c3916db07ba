import { describe, expect, it } from 'vitest';
import valid from '../../test/fixtures/rules.valid.json';
import type { RulesFile } from './types.ts';
import { canonicalJson, rulesVersion, VERSION_LENGTH } from './fingerprint.ts';
import { lineColumn, parseJsonText } from './json-text.ts';
import { RulesHolder } from './load.ts';

const text = JSON.stringify(valid, null, 2);

describe('RulesHolder', () => {
  it('starts empty, then holds valid rules with a version', async () => {
    const holder = new RulesHolder();
    expect(holder.current()).toBeUndefined();
    const r = await holder.update(text);
    expect(r).toEqual({ ok: true, errors: [], warnings: [], version: expect.stringMatching(/^[0-9a-f]{12}$/) });
    expect(holder.current()).toEqual({ rules: valid, version: r.version });
  });

  it('keeps the last good rules when a new text is invalid, and reports every error', async () => {
    const holder = new RulesHolder();
    await holder.update(text);
    const before = holder.current();
    const bad = JSON.stringify({ ...valid, holdout: 3, site: '' });
    const r = await holder.update(bad);
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => e.path)).toEqual(['$.site', '$.holdout']);
    expect(holder.current()).toBe(before);
  });

  it('reports a JSON syntax error with line and column, and keeps the rules', async () => {
    const holder = new RulesHolder();
    await holder.update(text);
    const r = await holder.update('{\n  "site": "demo",\n  "slots": {}\n  "holdout": 0\n}');
    expect(r).toEqual({
      ok: false,
      errors: [{ path: '$', severity: 'error', message: "invalid JSON at line 4, column 3: Expected ',' or '}' after property value" }],
      warnings: [],
    });
    expect(holder.current()?.rules).toEqual(valid);
  });

  it('gives the same version to the same rules however they are formatted, and a new one when they change', async () => {
    const holder = new RulesHolder();
    const a = await holder.update(text);
    const b = await holder.update(JSON.stringify(valid));
    const c = await holder.update(JSON.stringify({ ...valid, holdout: 0.1 }));
    expect(b.version).toBe(a.version);
    expect(c.version).not.toBe(a.version);
    expect(holder.current()?.version).toBe(c.version);
  });

  it('lets the newest accepted update win when updates overlap', async () => {
    const holder = new RulesHolder();
    const first = holder.update(JSON.stringify({ ...valid, holdout: 0.1 }));
    const second = holder.update(JSON.stringify({ ...valid, holdout: 0.2 }));
    await Promise.all([second, first]);
    expect(holder.current()?.rules.holdout).toBe(0.2);
  });

  it('passes warnings through on success', async () => {
    const withScript = structuredClone(valid) as RulesFile;
    withScript.slots.hero!.rules[0]!.variants[0]!.html = '<h2>Hi</h2><script>x</script>';
    const r = await new RulesHolder().update(JSON.stringify(withScript));
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual([{ path: '$.slots.hero.rules[0].variants[0].html', message: 'removed <script> element', severity: 'warning' }]);
  });
});

describe('parseJsonText', () => {
  it('parses JSON and ignores a byte-order mark', () => {
    expect(parseJsonText('\ufeff{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
  });

  it.each([
    ['{"a": 1,}', /^invalid JSON at line 1, column 9: /],
    ['{"a": 1', /^invalid JSON at line 1, column 8: /],
    ['', /^invalid JSON at line 1, column 1: Unexpected end of JSON input$/],
    ['{"a": x}', /^invalid JSON( at line 1, column 7)?: Unexpected token/],
  ])('locates the error in %j', (input, message) => {
    const r = parseJsonText(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issue.message).toMatch(message);
  });

  it('counts lines and columns from 1', () => {
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab', 0)).toEqual({ line: 1, column: 1 });
  });
});

describe('fingerprint', () => {
  it('sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ f: 1, e: 2 }], c: 3 } })).toBe('{"a":{"c":3,"d":[{"e":2,"f":1}]},"b":1}');
  });

  it('is a prefix of the SHA-256 of the canonical JSON', async () => {
    // sha256('{"a":1}') = 015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862
    expect(await rulesVersion({ a: 1 })).toBe('015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862'.slice(0, VERSION_LENGTH));
  });
});
