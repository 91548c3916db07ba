import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { edgeKeys } from '../sign/keys.ts';
import { checkPreview } from '../sign/preview-token.ts';
import { main } from './main.ts';

function capture(): { out: { log: (s: string) => void; error: (s: string) => void }; lines: string[] } {
  const lines: string[] = [];
  return { out: { log: (s) => lines.push(s), error: (s) => lines.push(s) }, lines };
}

/** The preview map the SDK sends for a `?kairos_preview=…` query, as signals.ts splits it. */
const previewOf = (query: string): Record<string, string> =>
  Object.fromEntries(new URLSearchParams(query).get('kairos_preview')!.split(',').map((x) => x.split(':')));

describe('kairos preview-token', () => {
  it('prints a preview query the edge with the same secret honours, for exactly those variants', async () => {
    const c = capture();
    expect(await main(['preview-token', '--slot', 'hero', '--variant', 'ski-hero', '--preview', 'promo:b', '--ttl', '2h', '--secret', 's3'], c.out)).toBe(0);
    const [query, until] = c.lines;
    expect(query).toMatch(/^\?kairos_preview=hero:ski-hero,promo:b,_token:[0-9a-z]+\.[\w-]{22}$/);
    expect(until).toMatch(/^valid until \d{4}-\d\d-\d\dT/);
    const preview = previewOf(query!);
    expect(await checkPreview(edgeKeys('s3'), preview, Date.now())).toBeUndefined();
    expect(await checkPreview(edgeKeys('s3'), preview, Date.now() + 2 * 3_600_000 + 1000)).toBe('expired-token');
    expect(await checkPreview(edgeKeys('s3'), { ...preview, hero: 'other' }, Date.now())).toBe('bad-token');
    expect(await checkPreview(edgeKeys('other'), preview, Date.now())).toBe('bad-token');
  });

  it('reads the secret a Node edge keeps in its data dir', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kairos-pt-'));
    writeFileSync(join(dir, 'secret'), 'from-file\n');
    const c = capture();
    expect(await main(['preview-token', '--slot', 'hero', '--variant', 'a', '--data', dir], c.out)).toBe(0);
    expect(await checkPreview(edgeKeys('from-file'), previewOf(c.lines[0]!), Date.now())).toBeUndefined();
  });

  it.each([
    [['--slot', 'hero'], /not slot:variant/],
    [[], /say what to preview/],
    [['--slot', 'hero', '--variant', 'a', '--ttl', 'forever'], /--ttl "forever"/],
    [['--slot', 'hero', '--variant', 'a', '--ttl', '90d'], /at most 30d/],
    [['--slot', 'hero', '--variant', 'a', '--data', '/nonexistent'], /no secret/],
  ])('refuses %j with a message', async (args, message) => {
    const c = capture();
    const before = process.env.KAIROS_SECRET;
    delete process.env.KAIROS_SECRET;
    try {
      expect(await main(['preview-token', ...args], c.out)).toBeGreaterThan(0);
    } finally {
      if (before !== undefined) process.env.KAIROS_SECRET = before;
    }
    expect(c.lines.join('\n')).toMatch(message);
  });
});
