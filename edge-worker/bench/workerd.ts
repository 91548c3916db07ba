/**
 * Benchmarks in raw `workerd serve`: the Kairos worker, the GrowthBook peer (peer-worker.ts)
 * and decide's own I/O floor (floor-worker.ts) as services of one workerd process, over
 * 127.0.0.1. Prints the peer comparison, then the CPU per request of decide, its floor and
 * the peer, from the workerd process's CPU time over a fixed number of requests per round.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { createApp } from '../src/app.ts';
import { LiveRules } from '../src/live-rules.ts';
import type { RulesFile } from '../src/rules/types.ts';
import { answerOf, peerComparison } from './compare.ts';
import { alternate, CPU_ROUNDS, decideBody, procCpu, REQUESTS, verdict } from './load.ts';
import { startWorkerd } from './workerd-serve.ts';

/** The goal: decide's CPU per request at most this many times its own I/O floor's. */
const FLOOR_GOAL = 1.5;

const pkg = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'kairos-workerd-bench-'));
const common: BuildOptions = { bundle: true, format: 'esm', platform: 'neutral', target: 'es2022', mainFields: ['module', 'main'], conditions: ['workerd', 'worker', 'browser'], logLevel: 'warning' };
await build({ ...common, entryPoints: [join(pkg, 'src/adapters/workerd/entry.ts')], outfile: join(dir, 'kairos.js') });
await build({ ...common, entryPoints: [join(pkg, 'bench/floor-worker.ts')], outfile: join(dir, 'floor.js') });
// GrowthBook's SDK reads process.env.NODE_ENV, which a bundler defines (wrangler does, as production).
await build({ ...common, entryPoints: [join(pkg, 'bench/peer-worker.ts')], outfile: join(dir, 'peer.js'), define: { 'process.env.NODE_ENV': '"production"' } });

// The rules the Worker bundles; the peer gets the same file, the floor decide's answer to
// the benchmark body (from the same app and rules, in this process).
const rulesText = readFileSync(join(pkg, '..', 'demo-site', 'rules.json'), 'utf8');
const file = JSON.parse(rulesText) as RulesFile;
const slots = Object.keys(file.slots);
const body = decideBody(file.site, slots);
const live = new LiveRules();
if (!(await live.load(rulesText)).ok) throw new Error('bundled rules invalid');
const answer = await (await createApp({ rules: live }).request('/v1/decide', { method: 'POST', headers: { 'content-type': 'application/json' }, body })).text();
writeFileSync(join(dir, 'answer.json'), answer);
writeFileSync(join(dir, 'rules.json'), rulesText);

const workerd = await startWorkerd(pkg, dir, [
  { name: 'kairos', module: 'kairos.js' },
  { name: 'peer', module: 'peer.js', text: { RULES: 'rules.json' } },
  { name: 'floor', module: 'floor.js', text: { ANSWER: 'answer.json' } },
], body);
try {
  const cpu = procCpu(workerd.pid);
  const { kairos, peer, floor } = workerd.urls as Record<'kairos' | 'peer' | 'floor', string>;
  await answerOf(floor, body);
  await peerComparison('http in workerd serve', { kairos, peer }, body, slots, cpu);

  const [d, f, p] = await alternate([kairos, floor, peer], body, { requests: REQUESTS }, CPU_ROUNDS, cpu);
  console.log(`cpu in workerd serve: the workerd process's user+sys time (/proc) over ${REQUESTS} requests, ${CPU_ROUNDS} rounds each after a warm-up, median`);
  const row = (name: string, us: number): void => console.log(`  ${name.padEnd(58)}${us.toFixed(1).padStart(7)} µs CPU/req`);
  row(`kairos POST /v1/decide (${slots.length} slots)`, d!.cpuUs);
  row(`decide's own I/O floor (body checks, headers, ${(Buffer.byteLength(answer) / 1024).toFixed(1)} KB)`, f!.cpuUs);
  row('GrowthBook peer', p!.cpuUs);
  const ratio = d!.cpuUs / f!.cpuUs;
  console.log(`  GOAL decide ≤ ${FLOOR_GOAL}× its I/O floor: ${ratio.toFixed(2)}× — ${verdict(ratio <= FLOOR_GOAL)} (deciding: ${(d!.cpuUs - f!.cpuUs).toFixed(1)} µs/req)`);
  // If deciding cost nothing, decide would cost its floor: the most CPU it could save on the peer.
  console.log(`  peer/kairos CPU: ${(p!.cpuUs / d!.cpuUs).toFixed(2)}×; at most ${(p!.cpuUs / f!.cpuUs).toFixed(2)}× if deciding cost nothing (peer/floor)`);
} finally {
  workerd.stop();
  rmSync(dir, { recursive: true, force: true });
}
