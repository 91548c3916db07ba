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

  it('lists, for a slot with no variant, every rule tried and the first field that failed', async () => {
    const c = capture();
    const ctx = ctxFile({ referrer: { type: 'search' }, utm: { term: 'boots' }, device: { type: 'desktop' }, geo: { country: 'US' }, time: { daypart: 'morning' } });
    expect(await main(['explain', fixture('rules.app.json'), '--context', ctx, '--now', '2031-01-01T00:00:00Z', '--visitor', 'v-3'], c.out)).toBe(0);
    const lines = c.text().split('\n');
    const hero = lines.indexOf('hero: default content — outcome no-match');
    expect(hero).toBeGreaterThanOrEqual(0);
    // referrer.type holds, so the first failing field of ski-search is utm.term.
    expect(lines.slice(hero + 1, hero + 5)).toEqual([
      '  tried "ski-search": $.slots.hero.rules[0].when["utm.term"] wants {"$regex":"ski"}; the context has "boots"',
      '  tried "fans": $.slots.hero.rules[1].when.$groups wants {"$elemMatch":{"$eq":"ski-fans"}}; the context has []',
      '  tried "winter": $.slots.hero.rules[2].when["geo.country"] wants {"$inGroup":"alps"}; the context has "US"',
      '  tried "mobile-app": $.slots.hero.rules[3].when["device.type"] wants "mobile"; the context has "desktop"',
    ]);
    expect(lines).toContain('  tried "evening": $.slots.promo.rules[0].when["time.daypart"] wants "evening"; the context has "morning"');
  });

  it('says which rules were skipped, and gives the misses in JSON', async () => {
    const c = capture();
    const ctx = ctxFile({ geo: { country: 'AT' }, consent: { personalization: false, analytics: false }, utm: { term: null } });
    await main(['explain', fixture('rules.app.json'), '--json', '--slots', 'hero', '--context', ctx, '--now', '2026-01-01T00:00:00Z'], c.out);
    const parsed = JSON.parse(c.text()) as { misses: Record<string, { rule: string; why: string; path: string; value?: unknown }[]> };
    expect(parsed.misses.hero!.map((m) => [m.rule, m.why])).toEqual([['ski-search', 'condition'], ['fans', 'consent'], ['winter', 'schedule'], ['mobile-app', 'condition']]);
    expect(parsed.misses.hero![1]!.path).toBe('$.slots.hero.rules[1].when');
  });

  it('says when the context has nothing at the failing field', async () => {
    const c = capture();
    await main(['explain', fixture('rules.app.json'), '--slots', 'promo', '--context', ctxFile({ time: { daypart: null } })], c.out);
    expect(c.text()).toContain('  tried "evening": $.slots.promo.rules[0].when["time.daypart"] wants "evening"; the context has null');
  });

  it('refuses an invalid rules file or a bad context with exit 1', async () => {
    const c = capture();
    expect(await main(['explain', fixture('rules.invalid.json')], c.out)).toBe(1);
    expect(c.text()).toMatch(/^error \$\.slots\.hero\.rules\[0\]\.varients: /m);
    const bad = join(mkdtempSync(join(tmpdir(), 'kairos-explain-')), 'bad.json');
    writeFileSync(bad, '{nope');
    const b = capture();
    expect(await main(['explain', fixture('rules.app.json'), '--context', bad], b.out)).toBe(1);
    expect(b.text()).toMatch(/^error .*bad\.json: cannot read the context/);
    const n = capture();
    expect(await main(['explain', fixture('rules.app.json'), '--now', 'soon'], n.out)).toBe(1);
    expect(n.text()).toBe('error --now: "soon" is not an ISO date, like 2026-12-24T18:00:00Z');
  });

  it('prints usage for unknown commands', async () => {
    const c = capture();
    expect(await main(['frobnicate'], c.out)).toBe(2);
    expect(c.text()).toContain('usage:');
  });
});
