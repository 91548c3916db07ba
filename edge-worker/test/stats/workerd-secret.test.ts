import { afterAll, describe, expect, it } from 'vitest';
import type { Miniflare } from 'miniflare';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BROWSER_UA, ORIGIN } from './simulate.ts';
import { bootWorker } from './workerd-harness.ts';

// The secret on Workers: the dev one of edge-worker/.dev.vars works in dev mode only, and
// a deploy without KAIROS_SECRET counts nothing and says why.
const rules = fileURLToPath(new URL('../fixtures/rules.stats.json', import.meta.url));
const devVars = readFileSync(new URL('../../.dev.vars', import.meta.url), 'utf8');
const DEV_SECRET = /^KAIROS_SECRET=(.+)$/m.exec(devVars)![1]!;
const running: { mf: Miniflare; dir: string }[] = [];

afterAll(async () => {
  for (const r of running) {
    await r.mf.dispose();
    rmSync(r.dir, { recursive: true, force: true });
  }
});

async function eventsStatus(bindings: Record<string, string>): Promise<{ status: number; body: { error?: { code: string; message: string } } }> {
  const dir = mkdtempSync(join(tmpdir(), 'kairos-secret-'));
  const { mf, url } = await bootWorker(rules, dir, bindings);
  running.push({ mf, dir });
  const res = await fetch(new URL('/v1/events', url), {
    method: 'POST', headers: { 'content-type': 'text/plain', origin: ORIGIN, 'user-agent': BROWSER_UA },
    body: JSON.stringify({ site: 'sim', visitor: 'v1', events: [{ id: 'e1', type: 'conversion', at: Date.now(), goal: 'purchase', consent: 'analytics' }] }),
  });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
}

describe('the Workers secret', () => {
  it('the dev secret counts in dev mode (npm start, the journeys)', async () => {
    expect((await eventsStatus({ KAIROS_DEV: '1', KAIROS_SECRET: DEV_SECRET })).status).toBe(202);
  }, 60_000);

  it.each([
    ['no KAIROS_SECRET', { KAIROS_DEV: '0' }],
    ['the dev secret outside dev mode', { KAIROS_DEV: '0', KAIROS_SECRET: DEV_SECRET }],
  ])('%s: events are refused with 503 no_secret, saying what to set', async (_, bindings) => {
    const r = await eventsStatus(bindings);
    expect(r.status).toBe(503);
    expect(r.body.error).toMatchObject({ code: 'no_secret', message: expect.stringContaining('wrangler secret put KAIROS_SECRET') });
  }, 60_000);
});
