import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from './main.ts';
import { checkRulesFile } from './check.ts';

const edge = fileURLToPath(new URL('../../', import.meta.url));
const root = resolve(edge, '..');

function capture(): { out: { log: (s: string) => void; error: (s: string) => void }; text: () => string } {
  const lines: string[] = [];
  return { out: { log: (s) => lines.push(s), error: (s) => lines.push(s) }, text: () => lines.join('\n') };
}

const fresh = (name = 'shop'): string => join(mkdtempSync(join(tmpdir(), 'kairos-init-')), name);
/** The generated config is JSON after its leading comment lines. */
const jsonc = (text: string): Record<string, any> => JSON.parse(text.replace(/^\/\/.*$/gm, ''));

describe('kairos init', () => {
  it('writes a valid rules file whose $schema points at the installed schema', async () => {
    const dir = fresh('My Shop');
    const c = capture();
    expect(await main(['init', dir], c.out)).toBe(0);
    const file = join(dir, 'rules.json');
    const rules = JSON.parse(readFileSync(file, 'utf8')) as { $schema: string; site: string };
    expect(rules.site).toBe('my-shop');
    expect(resolve(dir, rules.$schema)).toBe(join(edge, 'rules.schema.json'));
    const checked = await checkRulesFile(file);
    expect(checked.errors).toEqual([]);
    expect(checked.ok).toBe(true);
  });

  it('writes a wrangler config with the user’s rules and the SDK, not the demo', async () => {
    const dir = fresh();
    const c = capture();
    expect(await main(['init', dir, '--site', 'acme'], c.out)).toBe(0);
    const text = readFileSync(join(dir, 'wrangler.jsonc'), 'utf8');
    expect(text).not.toMatch(/demo/);
    const config = jsonc(text);
    expect(config.name).toBe('kairos-acme');
    expect(resolve(dir, config.main)).toBe(join(edge, 'src', 'adapters', 'workerd', 'entry.ts'));
    expect(existsSync(resolve(dir, config.main))).toBe(true);
    expect(resolve(dir, config.assets.directory)).toBe(join(edge, 'dist', 'sdk'));
    expect(resolve(dir, config.build.cwd)).toBe(root);
    const rules = /^node edge-worker\/scripts\/build-site\.mjs '([^']+)'$/.exec(config.build.command)?.[1];
    expect(existsSync(join(root, 'edge-worker', 'scripts', 'build-site.mjs'))).toBe(true);
    expect(rules && resolve(root, rules)).toBe(join(dir, 'rules.json'));
    expect(config.durable_objects.bindings[0].class_name).toBe('KairosStats');
    expect(config.vars.KAIROS_DEV).toBe('0');
    expect(c.text()).toContain(`npx wrangler deploy -c`);
    expect(c.text()).toContain('data-site="acme"');
  });

  it('refuses to overwrite, and then writes nothing at all', async () => {
    const dir = fresh();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'rules.json'), '{"mine": true}');
    const c = capture();
    expect(await main(['init', dir], c.out)).toBe(1);
    expect(c.text()).toMatch(/rules\.json: already exists/);
    expect(readFileSync(join(dir, 'rules.json'), 'utf8')).toBe('{"mine": true}');
    expect(existsSync(join(dir, 'wrangler.jsonc'))).toBe(false);
  });

  it('refuses a site id the rules schema would refuse', async () => {
    const dir = fresh();
    const c = capture();
    expect(await main(['init', dir, '--site', 'Not OK'], c.out)).toBe(1);
    expect(c.text()).toContain('--site "Not OK"');
    expect(existsSync(dir)).toBe(false);
  });
});
