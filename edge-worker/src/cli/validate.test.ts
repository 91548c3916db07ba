import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runValidate } from './validate.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/${name}`, import.meta.url));

/** Runs the command, collecting what it writes to each stream. */
async function run(path: string): Promise<{ code: number; log: string[]; error: string[] }> {
  const log: string[] = [];
  const error: string[] = [];
  const code = await runValidate(path, { log: (m) => log.push(m), error: (m) => error.push(m) });
  return { code, log: log.join('\n').split('\n'), error: error.join('\n').split('\n').filter(Boolean) };
}

describe('kairos validate', () => {
  it('exits 0 for a valid file and summarises it', async () => {
    const path = fixture('rules.valid.json');
    const r = await run(path);
    expect(r.code).toBe(0);
    expect(r.error).toEqual([]);
    expect(r.log).toEqual([expect.stringMatching(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: valid, 1 slot, 2 rules, version [0-9a-f]{12}, 0 warnings$`))]);
  });

  it('exits 1 for an invalid file, listing every error and warning', async () => {
    const path = fixture('rules.invalid.json');
    const r = await run(path);
    expect(r.code).toBe(1);
    expect(r.log).toEqual(['']);
    expect(r.error).toEqual([
      'error $.slots.hero.rules[0].varients: unknown key "varients"; did you mean "variants"?',
      'error $.origins[0]: must be an http(s) origin: scheme and host, no path or trailing slash (like https://shop.example); write https://shop.example',
      'error $.holdout: must be less than 1 (a share: 0.05 keeps 5 % of visitors on default content)',
      'error $.slots.hero.rules[1].variants[0].weight: must be greater than 0',
      'error $.audiences.ski-fans: audiences depend on each other in a cycle (ski-fans → snow-fans → ski-fans), so none of them can be decided',
      'error $.slots.hero.rules[1].id: duplicate rule id "ski-search" (also rules[0]); ids must be unique within a slot',
      'error $.slots.hero.rules[0].when["referrer.type"]: referrer.type is compared with "serch", which it never is: one of search, social, email, paid, ai, internal, direct, other',
      'error $.slots.hero.rules[0].when["utm.term"].$regx: unknown operator "$regx"; did you mean "$regex"?',
      'error $.slots.hero.rules[0].when["device.typ"]: unknown context field "device.typ"; did you mean "device.type"?',
      'error $.slots.hero.rules[1].when.$audience: unknown audience "skifans"; did you mean "ski-fans"?',
      'error $.slots.hero.rules[1].when["utm.campaign"].$regex: the regular expression "(?=summer)sale" uses a look-ahead ((?=…), which cannot be matched in linear time',
      'error $.slots.hero.rules[1].variants[1].id: duplicate variant id "a" (also variants[0]); ids must be unique within a rule',
      'error $.slots.hero.rules[1].variants[1]: has no content: give it text, html or attrs',
      'error $.slots.hero.rules[1].schedule.end: the schedule ends (2026-12-01T00:00:00Z) before it starts (2027-01-06T00:00:00Z); swap or fix the dates',
      'warning $.slots.hero.rules[1].variants[2].html: removed attribute onclick on <h2>',
      'warning $.slots.hero.rules[1].variants[2].html: removed <script> element',
      `${path}: refused, 14 errors and 2 warnings`,
    ]);
  });

  it('prints warnings of a valid file and still exits 0', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kairos-validate-'));
    const path = join(dir, 'rules.json');
    await writeFile(path, JSON.stringify({ site: 'demo', slots: { hero: { rules: [{ id: 'r', variants: [{ id: 'v', html: '<b onclick=x>Hi</b>' }] }] } } }));
    const r = await run(path);
    expect(r.code).toBe(0);
    expect(r.log[0]).toBe('warning $.slots.hero.rules[0].variants[0].html: removed attribute onclick on <b>');
    expect(r.log[1]).toMatch(/: valid, 1 slot, 1 rule, version [0-9a-f]{12}, 1 warning$/);
  });

  it('reports a JSON syntax error with its position', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kairos-validate-'));
    const path = join(dir, 'rules.json');
    await writeFile(path, '{\n  "site": "demo",\n}');
    const r = await run(path);
    expect(r.code).toBe(1);
    expect(r.error[0]).toMatch(/^error \$: invalid JSON at line 3, column 1: /);
  });

  it('reports a missing file instead of throwing', async () => {
    const r = await run(join(tmpdir(), 'kairos-no-such-file.json'));
    expect(r.code).toBe(1);
    expect(r.error).toEqual([expect.stringMatching(/kairos-no-such-file\.json: cannot read the file \(not found\)$/)]);
  });
});
