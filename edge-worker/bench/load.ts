import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDecideRequest } from '../src/http/decide-request.ts';
import { decideFor } from '../src/engine/decide-for.ts';
import { decideJson } from '../src/present/decide-json.ts';
import type { CompiledRules } from '../src/engine/types.ts';

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** A decide body as the SDK sends it on a product page: every slot of the demo. */
export function decideBody(site: string, slots: string[]): string {
  return JSON.stringify({
    site, slots, visitor: 'bench-visitor', consent: { personalization: true, analytics: true },
    signals: {
      page: { path: '/products/ski-1', title: 'Ski' }, referrer: 'www.google.com', utm: { term: 'ski boots', source: 'google' },
      ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
      viewport: { width: 390, height: 844 }, touch: true, language: 'en', time: { hour: 19, weekday: 5, timezone: 'Europe/Zurich' },
      session: { pageviews: 3, landing: '/', isNew: false }, views: [{ id: 'sku-1', tags: ['ski'], at: Date.now() }], interests: { ski: 2 },
    },
  });
}

const cannon = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

/** Requests/s from autocannon in its own process (so it does not share the server's event loop), bounded in time. */
export function load(url: string, body: string): Promise<number> {
  const bodyFile = join(tmpdir(), `kairos-bench-body-${process.pid}.json`);
  writeFileSync(bodyFile, body);
  return new Promise((ok, fail) => {
    const args = [cannon, '-j', '-c', '32', '-d', String(SECONDS), '-m', 'POST', '-H', 'content-type=application/json', '-i', bodyFile, url];
    const p = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    const kill = setTimeout(() => p.kill('SIGKILL'), (SECONDS + 20) * 1000);
    p.on('exit', () => {
      clearTimeout(kill);
      rmSync(bodyFile, { force: true });
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

export const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

/**
 * Microseconds per call of decide's work between a parsed body and its answer's text
 * (validation, context, decisions, serialisation), in a loop in this process: the cost of
 * deciding with every cache hot. Bounded: 0.5 s of warm-up, then 2 s measured.
 */
export async function pipelineMicros(rules: CompiledRules, body: string): Promise<number> {
  const value: unknown = JSON.parse(body);
  const meta = { country: 'CH', region: '' };
  const once = (): number => decideJson(decideFor(rules, parseDecideRequest(value), { geo: meta, pageHost: '127.0.0.1', now: Date.now() }), rules.contentJson).length;
  let sink = 0;
  for (const end = performance.now() + 500; performance.now() < end;) for (let i = 0; i < 100; i++) sink += await once();
  let calls = 0;
  const t0 = performance.now();
  let t = t0;
  for (const end = t0 + 2000; t < end; t = performance.now(), calls += 100) for (let i = 0; i < 100; i++) sink += await once();
  if (sink === 0) throw new Error('decide answered nothing');
  return ((t - t0) * 1000) / calls;
}

/** The three servers of one runtime that the HTTP benchmark compares. */
export interface Targets {
  /** Bare Hono route: parses the body, answers a few bytes of JSON. The goal's baseline. */
  bare: string;
  /** decide's own I/O without deciding (bench/floor-worker.ts). */
  floor: string;
  kairos: string;
  /** Size of decide's answer in bytes. */
  answerBytes: number;
  /** pipelineMicros() of this run. */
  pipelineUs: number;
}

const pct = (x: number, y: number): string => `${((x / y) * 100).toFixed(0)} %`;

/** Alternates the three servers round by round (after one warm-up each) and prints the ratios. */
export async function compare(label: string, t: Targets, body: string, slots: number): Promise<void> {
  const order = [t.bare, t.floor, t.kairos];
  for (const url of order) await load(url, body);
  const runs: number[][] = [[], [], []];
  for (let i = 0; i < ROUNDS; i++) for (const [k, url] of order.entries()) runs[k]!.push(await load(url, body));
  const [bare, floor, kairos] = runs.map(median) as [number, number, number];
  const kb = (t.answerBytes / 1024).toFixed(1);
  // The server is the bottleneck (autocannon has the other core), so 1 / (req/s) is its time per request.
  const us = (rps: number): number => 1e6 / rps;
  const allowed = us(bare) / 0.8;
  const f = (x: number): string => x.toFixed(1);
  console.log(`${label}: autocannon 32 connections in its own process, ${ROUNDS} × ${SECONDS}s each after a warm-up, median req/s`);
  const row = (name: string, rps: number, extra = ''): void =>
    console.log(`  ${name.padEnd(56)}${rps.toFixed(0).padStart(7)} req/s ${f(us(rps)).padStart(7)} µs/req${extra}`);
  row('bare Hono route (parses the body, answers JSON)', bare);
  row(`decide's own I/O: its body checks, headers, ${kb} KB`, floor, `  (${pct(floor, bare)} of bare)`);
  row(`kairos POST /v1/decide (${slots} slots)`, kairos);
  console.log(`  RATIO decide/bare: ${pct(kairos, bare)} (goal ≥ 80 %); decide/its own I/O: ${pct(kairos, floor)}`);
  console.log(`  budget: 80 % of bare allows ${f(allowed)} µs/req; after decide's I/O that leaves ${f(allowed - us(floor))} µs for deciding,`);
  console.log(`          which takes ${f(us(kairos) - us(floor))} µs in this server and ${f(t.pipelineUs)} µs in a hot loop (Node, this process)`);
}
