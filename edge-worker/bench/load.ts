import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Length of one req/s round, in seconds. */
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** Rounds per server of the req/s comparisons (after one warm-up each). */
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Requests in one CPU round: a fixed amount, so every round does the same work. */
export const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
/** Rounds per server of the CPU measurement. */
export const CPU_ROUNDS = Number(process.env.BENCH_CPU_ROUNDS ?? 7);

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

/** CPU time (user + system) a process has used so far, in µs. */
export type CpuClock = () => number;

/** This process's CPU clock: the Node servers run in the benchmark's own process. */
export const selfCpu: CpuClock = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/** Another process's CPU clock, from /proc/PID/stat (all its threads; clock-tick resolution). */
export function procCpu(pid: number): CpuClock {
  const tick = 1e6 / Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100);
  return () => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name in field 2 may hold spaces: count fields after its closing parenthesis.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * tick;
  };
}

/** One load round: requests/s and the server's CPU µs per request. */
export interface Round {
  rps: number;
  cpuUs: number;
}

/** A round is bounded in time (req/s) or in requests (CPU). */
export type Bound = { seconds: number } | { requests: number };

const cannon = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

/**
 * One round of autocannon (32 connections, in its own process so it does not share the
 * server's event loop) against `url`, killed if it outlives its bound (a round of requests
 * after 10 minutes). Any non-2xx answer or socket error fails the round.
 */
export function load(url: string, body: string, bound: Bound, cpu: CpuClock): Promise<Round> {
  const bodyFile = join(tmpdir(), `kairos-bench-body-${process.pid}.json`);
  writeFileSync(bodyFile, body);
  const limit = 'seconds' in bound ? ['-d', String(bound.seconds)] : ['-a', String(bound.requests)];
  const args = [cannon, '-j', '-c', '32', ...limit, '-m', 'POST', '-H', 'content-type=application/json', '-i', bodyFile, url];
  return new Promise((ok, fail) => {
    const cpu0 = cpu();
    const p = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    // A fixed amount of requests takes as long as the machine makes it: a generous cap.
    const kill = setTimeout(() => p.kill('SIGKILL'), ('seconds' in bound ? bound.seconds + 60 : 600) * 1000);
    p.on('exit', () => {
      const used = cpu() - cpu0;
      clearTimeout(kill);
      rmSync(bodyFile, { force: true });
      try {
        const r = JSON.parse(out) as { non2xx: number; errors: number; duration: number; requests: { total: number } };
        if (r.non2xx > 0 || r.errors > 0) fail(new Error(`${r.non2xx} non-2xx and ${r.errors} errors at ${url}`));
        else if (!(r.requests.total > 0)) fail(new Error(`no request completed at ${url}`));
        else ok({ rps: r.requests.total / r.duration, cpuUs: used / r.requests.total });
      } catch (e) {
        fail(e);
      }
    });
  });
}

export const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

/**
 * Loads each server once to warm it up, then `rounds` times in turn (so a busy moment of
 * the machine falls on all of them alike); medians of req/s and CPU per request.
 */
export async function alternate(urls: string[], body: string, bound: Bound, rounds: number, cpu: CpuClock): Promise<Round[]> {
  for (const url of urls) await load(url, body, bound, cpu);
  const runs: Round[][] = urls.map(() => []);
  for (let i = 0; i < rounds; i++) for (const [k, url] of urls.entries()) runs[k]!.push(await load(url, body, bound, cpu));
  return runs.map((r) => ({ rps: median(r.map((x) => x.rps)), cpuUs: median(r.map((x) => x.cpuUs)) }));
}

/** `met` / `NOT met`, for the goal lines. */
export const verdict = (met: boolean): string => (met ? 'met' : 'NOT met');
