import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

/** The three servers of one runtime that the HTTP benchmark compares. */
export interface Targets {
  /** Bare Hono route: parses the body, answers a few bytes of JSON. The goal's baseline. */
  bare: string;
  /** The same route answering decide's own answer: what the bytes alone cost. */
  sized: string;
  kairos: string;
  /** Size of decide's answer in bytes. */
  answerBytes: number;
}

const pct = (x: number, y: number): string => `${((x / y) * 100).toFixed(0)} %`;

/** Alternates the three servers round by round (after one warm-up each) and prints the ratios. */
export async function compare(label: string, t: Targets, body: string, slots: number): Promise<void> {
  const order = [t.bare, t.sized, t.kairos];
  for (const url of order) await load(url, body);
  const runs: number[][] = [[], [], []];
  for (let i = 0; i < ROUNDS; i++) for (const [k, url] of order.entries()) runs[k]!.push(await load(url, body));
  const [bare, sized, kairos] = runs.map(median) as [number, number, number];
  const kb = (t.answerBytes / 1024).toFixed(1);
  console.log(`${label}: autocannon 32 connections in its own process, ${ROUNDS} × ${SECONDS}s each after a warm-up, median req/s`);
  console.log(`  bare Hono route (parses the body, answers JSON)   ${bare.toFixed(0).padStart(7)} req/s`);
  console.log(`  the same route answering decide's ${kb} KB        ${sized.toFixed(0).padStart(7)} req/s  (${pct(sized, bare)} of bare: the bytes alone)`);
  console.log(`  kairos POST /v1/decide (${slots} slots)               ${kairos.toFixed(0).padStart(7)} req/s`);
  console.log(`  RATIO decide/bare: ${pct(kairos, bare)} (goal ≥ 80 %); decide/same-bytes: ${pct(kairos, sized)}`);
}
