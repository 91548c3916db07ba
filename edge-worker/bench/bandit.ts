/**
 * `npm run bench:bandit`: equal split, non-contextual and contextual Thompson sampling on
 * the same visitors, over two populations and several seeds. Options: `--seeds N`
 * (default 20), `--visitors N` (default 20 000), `--population 1|2`, `--prior N` (a fixed prior strength).
 */
import { BY_DEVICE, simulate, UNIFORM, type Policy, type RunResult } from './bandit-sim.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const seeds = arg('seeds', 20);
const visitors = arg('visitors', 20_000);
const prior = arg('prior', NaN);
const learn = Number.isFinite(prior) ? { priorStrength: prior } : {};
const POLICIES: Policy[] = ['equal', 'thompson', 'contextual'];
const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs: number[]): number => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));

console.log(`bandit simulation: 3 variants, ${visitors} visitors, ${seeds} seeds`);
// `--population 1` or `2` runs one of them (two processes can share the work).
const only = arg('population', 0);
for (const population of [BY_DEVICE, UNIFORM].filter((_, i) => !only || only === i + 1)) {
  const runs: Record<Policy, RunResult[]> = { equal: [], thompson: [], contextual: [] };
  const t0 = performance.now();
  for (let seed = 1; seed <= seeds; seed++) {
    for (const p of POLICIES) runs[p].push(await simulate(p, population, seed, visitors, learn));
    // Progress, one line per seed, for a run that is stopped early.
    console.error(`  seed ${seed}: regret ${POLICIES.map((p) => `${p} ${runs[p][seed - 1]!.regret.toFixed(1)}`).join(', ')}`);
  }
  console.log(`\n${population.name} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  console.log('policy       regret (mean ± sd)   conversions (mean)   best shown');
  for (const p of POLICIES) {
    const r = runs[p];
    console.log(`${p.padEnd(12)} ${mean(r.map((x) => x.regret)).toFixed(1).padStart(7)} ± ${sd(r.map((x) => x.regret)).toFixed(1).padEnd(10)} ${mean(r.map((x) => x.conversions)).toFixed(1).padStart(10)}          ${(mean(r.map((x) => x.bestShare)) * 100).toFixed(1)} %`);
  }
  const eq = mean(runs.equal.map((x) => x.regret));
  const th = mean(runs.thompson.map((x) => x.regret));
  const cx = mean(runs.contextual.map((x) => x.regret));
  console.log(`contextual vs equal split: ${(((eq - cx) / eq) * 100).toFixed(1)} % less regret; vs non-contextual: ${(((th - cx) / th) * 100).toFixed(1)} % less regret`);
}
