import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from './main.ts';

const fixture = (name: string): string => fileURLToPath(new URL(`../../test/fixtures/${name}`, import.meta.url));

function capture(): { out: { log: (s: string) => void; error: (s: string) => void }; text: () => string } {
  const lines: string[] = [];
  return { out: { log: (s) => lines.push(s), error: (s) => lines.push(s) }, text: () => lines.join('\n') };
}

function ctxFile(ctx: unknown): string {
  const f = join(mkdtempSync(join(tmpdir(), 'kairos-explain-')), 'ctx.json');
  writeFileSync(f, JSON.stringify(ctx));
  return f;
}

describe('kairos explain', () => {
  it('says which variant each slot gets and why', async () => {
    const c = capture();
    const code = await main(['explain', fixture('rules.app.json'), '--context', ctxFile({ referrer: { type: 'search' }, utm: { term: 'ski boots' } }), '--visitor', 'v-3', '--now', '2026-11-23T10:00:00Z'], c.out);
    expect(code).toBe(0);
    expect(c.text()).toMatch(/^hero: variant "ski-hero" of rule "ski-search" — outcome match; read geo\.country, referrer\.type, utm\.term; bucket 0\.\d{4}$/m);
    expect(c.text()).toMatch(/^promo: default content — outcome no-match$/m);
  });

  it('shows skipped rules and the schedule clock', async () => {
    const c = capture();
    await main(['explain', fixture('rules.app.json'), '--context', ctxFile({ geo: { country: 'AT' } }), '--slots', 'hero', '--now', '2031-01-01T00:00:00Z', '--visitor', 'v-3'], c.out);
    expect(c.text()).toContain('hero: variant "winter-hero" of rule "winter"');
    const before = capture();
    await main(['explain', fixture('rules.app.json'), '--context', ctxFile({ geo: { country: 'AT' } }), '--slots', 'hero', '--now', '2026-01-01T00:00:00Z', '--visitor', 'v-3'], before.out);
    expect(before.text()).toContain('outcome schedule; skipped "winter" (schedule)');
  });

  it('prints JSON with the context used', async () => {
    const c = capture();
    await main(['explain', fixture('rules.app.json'), '--json', '--slots', 'promo', '--context', ctxFile({ time: { daypart: 'evening' } })], c.out);
    const parsed = JSON.parse(c.text()) as { decisions: Record<string, { variant?: string }>; context: { time: { daypart: string } } };
    expect(parsed.context.time.daypart).toBe('evening');
    expect(parsed.decisions.promo!.variant).toBe('evening-deal');
  });

  it('refuses an invalid rules file or a bad context with exit 1', async () => {
    const c = capture();
    expect(await main(['explain', fixture('rules.invalid.json')], c.out)).toBe(1);
    expect(c.text()).toContain('varients');
    const bad = join(mkdtempSync(join(tmpdir(), 'kairos-explain-')), 'bad.json');
    writeFileSync(bad, '{nope');
    expect(await main(['explain', fixture('rules.app.json'), '--context', bad], capture().out)).toBe(1);
  });

  it('prints usage for unknown commands', async () => {
    const c = capture();
    expect(await main(['frobnicate'], c.out)).toBe(2);
    expect(c.text()).toContain('usage:');
  });
});
