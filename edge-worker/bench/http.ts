/**
 * HTTP benchmark on Node: POST /v1/decide of the real app against a bare Hono
 * route in the same runtime and server, same run, over 127.0.0.1, each for a
 * bounded time; autocannon generates the load from its own process. Prints a ratio.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app.ts';
import { LiveRules } from '../src/adapters/live-rules.ts';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const rules = new LiveRules();
const loaded = await rules.load(readFileSync(join(process.cwd(), '..', 'demo-site', 'rules.json'), 'utf8'));
if (!loaded.ok) throw new Error('demo rules invalid');
const site = rules.current()!.site;
const slots = [...rules.current()!.slots.keys()];

const kairos = createApp({ rules });
// The baseline: the same framework and server, a route that parses the same JSON body and answers JSON.
const bare = new Hono().post('/v1/decide', async (c) => c.json({ ok: true, keys: Object.keys(await c.req.json()).length }));

const body = JSON.stringify({
  site, slots, visitor: 'bench-visitor', consent: { personalization: true, analytics: true },
  signals: {
    page: { path: '/products/ski-1', title: 'Ski' }, referrer: 'www.google.com', utm: { term: 'ski boots', source: 'google' },
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
    viewport: { width: 390, height: 844 }, touch: true, language: 'en', time: { hour: 19, weekday: 5, timezone: 'Europe/Zurich' },
    session: { pageviews: 3, landing: '/', isNew: false }, views: [{ id: 'sku-1', tags: ['ski'], at: Date.now() }], interests: { ski: 2 },
  },
});

async function listen(app: Hono): Promise<{ url: string; close: () => void }> {
  return new Promise((ok) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => {
      ok({ url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, close: () => s.close() });
    });
  });
}

const bodyFile = join(tmpdir(), `kairos-bench-body-${process.pid}.json`);
writeFileSync(bodyFile, body);
const cannon = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

/** Runs autocannon in a child process (so it does not share the server's event loop). */
function load(url: string): Promise<number> {
  return new Promise((ok, fail) => {
    const args = [cannon, '-j', '-c', '32', '-d', String(SECONDS), '-m', 'POST', '-H', 'content-type=application/json', '-i', bodyFile, `${url}/v1/decide`];
    const p = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    const kill = setTimeout(() => p.kill('SIGKILL'), (SECONDS + 20) * 1000);
    p.on('exit', () => {
      clearTimeout(kill);
      try {
        const r = JSON.parse(out) as { non2xx: number; errors: number; requests: { average: number } };
        if (r.non2xx > 0 || r.errors > 0) fail(new Error(`${r.non2xx} non-2xx and ${r.errors} errors at ${url}`));
        else ok(r.requests.average);
      } catch (e) {
        fail(e);
      }
    });
  });
}

const k = await listen(kairos);
const b = await listen(bare);
const check = await fetch(`${k.url}/v1/decide`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
if (check.status !== 200) throw new Error(`decide answered ${check.status}: ${await check.text()}`);
const kr: number[] = [];
const br: number[] = [];
await load(b.url); // warm-up, not counted
for (let i = 0; i < ROUNDS; i++) {
  br.push(await load(b.url));
  kr.push(await load(k.url));
}
k.close();
b.close();
const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
console.log(`http (Node ${process.version}, autocannon 32 connections, ${ROUNDS} × ${SECONDS}s each, median req/s; autocannon in its own process)`);
console.log(`  bare Hono route  ${median(br).toFixed(0).padStart(7)} req/s`);
console.log(`  kairos decide    ${median(kr).toFixed(0).padStart(7)} req/s  (${slots.length} slots)`);
console.log(`  RATIO decide/bare: ${((median(kr) / median(br)) * 100).toFixed(0)} % (goal ≥ 80 %)`);
