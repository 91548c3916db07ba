import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Miniflare } from 'miniflare';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DecideResponse } from '../src/protocol/index.ts';
import { decideBody } from './decide-body.ts';
import { bundleWorker } from './worker-bundle.ts';

// The same worker source, in the real workerd runtime (Miniflare runs the workerd
// binary), over real HTTP on 127.0.0.1.
let mf: Miniflare;
let base: URL;

beforeAll(async () => {
  const out = join(tmpdir(), `kairos-worker-${process.pid}.mjs`);
  await bundleWorker(fileURLToPath(new URL('./fixtures/rules.app.json', import.meta.url)), out);
  mf = new Miniflare({
    scriptPath: out, modules: true, modulesRoot: dirname(out), compatibilityDate: '2026-04-01', host: '127.0.0.1', port: 0,
    bindings: { KAIROS_DEV: '1' },
  });
  base = await mf.ready;
}, 60_000);

afterAll(async () => {
  await mf?.dispose();
});

async function decide(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(new URL('/v1/decide', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('the worker in workerd', () => {
  it('is healthy with the bundled rules', async () => {
    const res = await fetch(new URL('/healthz', base));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, site: 'shop' });
  });

  it('decides over HTTP like on Node', async () => {
    const res = await decide(decideBody({ visitor: 'v-3', debug: true }, { referrer: 'www.bing.com', utm: { term: 'ski jackets' } }), {
      'x-kairos-country': 'FR',
      origin: 'https://shop.example',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const body = (await res.json()) as DecideResponse;
    expect(body.context?.geo.country).toBe('FR');
    const hero = body.decisions.hero!;
    // v-3 may fall in the 10 % holdout; either way the reason says so.
    if (hero.reason.outcome === 'holdout') expect(hero.variant).toBeUndefined();
    else expect(hero).toMatchObject({ variant: 'ski-hero', content: { nodes: [{ e: 'h2', c: [{ t: 'Fresh powder in FR' }] }] } });
  });

  it('answers bad input with 4xx JSON, never 500', async () => {
    for (const body of ['{', '[]', JSON.stringify({ ...decideBody(), pad: 'x'.repeat(20_000) }), '{"__proto__":{}}']) {
      const res = await decide(body);
      expect(res.status, body.slice(0, 40)).toBeGreaterThanOrEqual(400);
      expect(res.status, body.slice(0, 40)).toBeLessThan(500);
      expect(((await res.json()) as { error: { message: string } }).error.message.length).toBeGreaterThan(5);
    }
  });
});
