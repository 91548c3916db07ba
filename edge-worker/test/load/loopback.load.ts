/**
 * Load on loopback, bounded (`npm run test:load`; LOAD_SECONDS shortens it): the Node
 * edge in a child process, decide and events at a fixed rate for 60 s, one visitor
 * flooding events (LOAD_RATE scales the rates). No error (no 5xx, no socket error, no timeout), p99 latency
 * printed, RSS flat after warm-up, and the flood, only the flood, rate-limited.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { median, quantile, runTraffic, type Outcome, type Stream } from './traffic.ts';
import { decisionToken } from '../../src/sign/decision-token.ts';
import { edgeKeys } from '../../src/sign/keys.ts';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
/**
 * Requests per second, for an otherwise idle 2-core machine; LOAD_RATE scales decide and
 * events down for a busy one. The flood is one visitor's 50-event batches, 100× the
 * limit's refill of 5 events a second.
 */
const SCALE = Number(process.env.LOAD_RATE ?? 1);
const RATE = { decide: Math.round(400 * SCALE), events: Math.round(100 * SCALE), flood: 10 };
/** Memory samples: about 30 over the run, the first sixth of it warm-up. */
const SAMPLE_MS = Math.max(500, (SECONDS * 1000) / 30);
const WARMUP_S = SECONDS / 6;
/**
 * Growth allowed between the first and the last third after warm-up (medians of RSS
 * after GC). The thirds' middles are about 17,000 requests apart in a 60 s run, so a
 * leak of 3 MB per 10,000 requests grows about 5 MB between them.
 */
const RSS_MARGIN_BYTES = 4 * 1024 * 1024;

const here = fileURLToPath(new URL('.', import.meta.url));
const rulesPath = join(here, '..', '..', '..', 'demo-site', 'rules.json');
const ORIGIN = 'http://127.0.0.1:8787';
const BROWSER_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
const VISITORS = 2000;
const SECRET = 'load-test-secret';
const REASON = 'hero:mobile-hero:pocket-hero';
/** Each visitor's token for REASON, as decide hands it out: exposures the edge counts (made before the run). */
const tokens = new Map<string, string>();

interface Sample { t: number; raw: number; rss: number; heapUsed: number; cpuMs: number }

let child: ChildProcess;
let url: string;
let dataDir: string;

beforeAll(async () => {
  // The server is TypeScript: bundled for its own Node process (with its stats thread, as the
  // Node edge runs), inside the package so it resolves its dependencies.
  const outfile = join(here, '..', '..', 'dist', 'load', 'server.mjs');
  await build({ entryPoints: { server: join(here, 'server.ts'), 'stats-thread': join(here, '..', '..', 'src', 'adapters', 'node', 'stats-thread.ts') }, outdir: dirname(outfile), outExtension: { '.js': '.mjs' }, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
  dataDir = mkdtempSync(join(tmpdir(), 'kairos-load-'));
  const keys = edgeKeys(SECRET);
  const at = Date.now();
  for (const v of [...Array.from({ length: VISITORS }, (_, i) => `load-v-${i}`), 'flood-visitor']) tokens.set(v, await decisionToken(keys, v, REASON, at));
  child = fork(outfile, [rulesPath, dataDir, SECRET], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('the server did not start within 20 s')), 20_000);
    child.once('message', (m) => (clearTimeout(timer), ok((m as { url: string }).url)));
    child.once('exit', (code) => fail(new Error(`the server exited with ${code}`)));
  });
}, 60_000);

afterAll(async () => {
  if (child?.connected) {
    const exited = new Promise((ok) => child.once('exit', ok));
    child.disconnect();
    await Promise.race([exited, new Promise((ok) => setTimeout(ok, 5000))]);
  }
  if (child?.exitCode === null) child.kill('SIGKILL');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function sample(): Promise<Omit<Sample, 't'>> {
  return new Promise((ok) => {
    child.once('message', (m) => ok(m as Omit<Sample, 't'>));
    child.send('sample');
  });
}

const json = { 'content-type': 'application/json', origin: ORIGIN, 'user-agent': BROWSER_UA };
const beacon = { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN, 'user-agent': BROWSER_UA };
const exposure = (id: string, visitor: string) => ({ id, type: 'exposure', at: Date.now(), slot: 'hero', reason: REASON, consent: 'analytics', token: tokens.get(visitor) });

const streams: Stream[] = [
  {
    name: 'decide',
    perSecond: RATE.decide,
    request: (n) => ({
      path: '/v1/decide',
      headers: json,
      body: JSON.stringify({
        site: 'demo', slots: ['hero', 'promo', 'recs', 'product-cta'], visitor: `load-v-${n % VISITORS}`, consent: { personalization: n % 3 > 0, analytics: true },
        signals: {
          page: { path: n % 2 ? '/ski.html' : '/', title: 'Shop' }, referrer: ['www.google.com', 't.co', ''][n % 3], utm: n % 5 ? {} : { medium: 'email', campaign: 'winter-sale-26' },
          ua: BROWSER_UA, viewport: { width: 390, height: 844 }, touch: true, language: 'en', time: { hour: n % 24, weekday: n % 7, timezone: 'Europe/Zurich' },
          session: { pageviews: 1 + (n % 4), landing: '/', isNew: n % 4 === 0 }, interests: { ski: n % 4 }, views: [{ id: `sku-${n % 50}`, tags: ['ski'], at: Date.now() }],
        },
      }),
    }),
  },
  {
    name: 'events',
    perSecond: RATE.events,
    request: (n) => ({
      path: '/v1/events',
      headers: beacon,
      body: JSON.stringify({ site: 'demo', visitor: `load-v-${(n * 7) % VISITORS}`, events: Array.from({ length: 1 + (n % 3) }, (_, k) => exposure(`load-e-${n}-${k}`, `load-v-${(n * 7) % VISITORS}`)) }),
    }),
  },
  {
    name: 'flood',
    perSecond: RATE.flood,
    request: (n) => ({
      path: '/v1/events',
      headers: beacon,
      body: JSON.stringify({ site: 'demo', visitor: 'flood-visitor', events: Array.from({ length: 50 }, (_, k) => exposure(`flood-${n}-${k}`, 'flood-visitor')) }),
    }),
  },
];

const EXPECTED: Record<string, number[]> = { decide: [200], events: [202], flood: [202, 429] };
function groupBy<T>(xs: readonly T[], key: (x: T) => string): Record<string, T[]> {
  const out: Record<string, T[]> = {};
  for (const x of xs) (out[key(x)] ??= []).push(x);
  return out;
}
/** The five seconds of the run with the slowest answer: where a stall was, if there was one. */
function slowest(os: Outcome[]): string {
  const rate = new Map(streams.map((s) => [s.name, s.perSecond]));
  const bySecond = groupBy(os, (o) => String(Math.floor(o.n / rate.get(o.stream)!)));
  return Object.entries(bySecond)
    .map(([sec, xs]) => ({ sec, max: Math.max(...xs.map((o) => o.ms)), errors: xs.filter((o) => o.status === 0).length }))
    .sort((a, b) => b.max - a.max)
    .slice(0, 5)
    .map((x) => `${x.sec}: ${x.max.toFixed(0)}, ${x.errors}`)
    .join('; ');
}
const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);

function latencyLine(name: string, os: Outcome[]): string {
  const ms = os.map((o) => o.ms);
  const statuses = Object.entries(groupBy(os, (o) => String(o.status))).map(([s, l]) => `${s}×${l.length}`).join(' ');
  return `  ${name}: ${os.length} requests (${statuses}), p50 ${quantile(ms, 0.5).toFixed(1)} ms, p99 ${quantile(ms, 0.99).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms`;
}

describe('load on loopback', () => {
  it(`decide ${RATE.decide}/s + events ${RATE.events}/s + one flooding visitor for ${SECONDS} s: no errors, flat RSS, the flood alone limited`, async () => {
    const samples: Sample[] = [];
    let running = true;
    const t0 = performance.now();
    const sampler = (async () => {
      while (running) {
        await new Promise((r) => setTimeout(r, SAMPLE_MS));
        if (running) samples.push({ t: (performance.now() - t0) / 1000, ...(await sample()) });
      }
    })();
    const outcomes = await runTraffic(url, streams, SECONDS);
    running = false;
    await sampler;

    const by = groupBy(outcomes, (o) => o.stream);
    const steady = samples.filter((s) => s.t >= WARMUP_S);
    const third = Math.max(1, Math.floor(steady.length / 3));
    const first = median(steady.slice(0, third).map((s) => s.rss));
    const last = median(steady.slice(-third).map((s) => s.rss));
    const flood = by.flood ?? [];
    const limited = flood.filter((o) => o.status === 429);
    console.log(
      [
        `load on loopback, ${SECONDS} s, ${outcomes.length} requests:`,
        ...streams.map((s) => latencyLine(s.name, by[s.name] ?? [])),
        `  all: p99 ${quantile(outcomes.map((o) => o.ms), 0.99).toFixed(1)} ms`,
        `  RSS after GC, ${steady.length} samples after ${WARMUP_S.toFixed(0)} s of warm-up: first third median ${mb(first)} MB, last third median ${mb(last)} MB, ` +
          `min ${mb(Math.min(...steady.map((s) => s.rss)))}, max ${mb(Math.max(...steady.map((s) => s.rss)))} MB; before GC up to ${mb(Math.max(...steady.map((s) => s.raw)))} MB; ` +
          `heap ${mb(steady[0]?.heapUsed ?? 0)} → ${mb(steady.at(-1)?.heapUsed ?? 0)} MB`,
        `  server CPU ${(((samples.at(-1)?.cpuMs ?? 0) - (samples[0]?.cpuMs ?? 0)) / 1000).toFixed(1)} s over ${((samples.at(-1)?.t ?? 0) - (samples[0]?.t ?? 0)).toFixed(0)} s of the run`,
        `  RSS series (MB): ${samples.map((s) => mb(s.rss)).join(' ')}`,
        `  slowest seconds of the run (second: max ms, errors): ${slowest(outcomes)}`,
        `  flood: ${flood.length - limited.length} accepted, ${limited.length} limited (Retry-After ${[...new Set(limited.map((o) => o.retryAfter))].join(', ')} s)`,
      ].join('\n'),
    );

    for (const s of streams) expect(by[s.name]?.length, s.name).toBe(Math.floor(s.perSecond * SECONDS));
    const errors = outcomes.filter((o) => !EXPECTED[o.stream]!.includes(o.status));
    expect(errors.slice(0, 5), `${errors.length} errors`).toEqual([]);

    // The flood: its first batch taken, then refused with a Retry-After, most of the time.
    expect(flood.find((o) => o.n === 0)?.status).toBe(202);
    expect(limited.length).toBeGreaterThan(flood.length / 2);
    for (const o of limited) expect(Number(o.retryAfter)).toBeGreaterThanOrEqual(1);

    // The exposures were real ones (signed), so they reached the store: the report counts them.
    const report = (await (await fetch(`${url}/v1/report`)).json()) as { slots: { slot: string; exposures: number }[] };
    expect(report.slots.find((s) => s.slot === 'hero')?.exposures).toBeGreaterThan(0);

    expect(steady.length).toBeGreaterThanOrEqual(6);
    expect(last - first, 'RSS growth from the first to the last third, bytes').toBeLessThan(RSS_MARGIN_BYTES);
  }, (SECONDS + 120) * 1000);
});
