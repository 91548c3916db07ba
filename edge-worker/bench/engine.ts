/**
 * Engine benchmark: Kairos decide() against GrowthBook's evalFeature on the same
 * conditions and the same contexts, in the same process and run. 50 slots × 3 rules
 * over 100,000 random contexts (BENCH_CONTEXTS overrides). Timed in process CPU time (GC
 * threads included), which a busy machine disturbs less than the wall clock. Prints the
 * ratio and its goal.
 */
import { GrowthBookClient } from '@growthbook/growthbook';
import { compileRules } from '../src/engine/compile.ts';
import { decide } from '../src/engine/decide.ts';
import { prepareRules } from '../src/rules/prepare.ts';
import { validateRules } from '../src/rules/validate.ts';
import { median, ROUNDS, selfCpu, verdict } from './load.ts';
import { makeContexts, makeRules } from './workload.ts';

const N = Number(process.env.BENCH_CONTEXTS ?? 100_000);
const rules = makeRules(50, 3);
const valid = validateRules(rules);
if (!valid.ok) throw new Error(`bench rules invalid: ${JSON.stringify(valid.errors.slice(0, 3))}`);
const compiled = compileRules(prepareRules(rules), 'bench');
const slots = [...compiled.slots.keys()];
const contexts = makeContexts(N);
const visitors = contexts.map((_, i) => `visitor-${i}`);
const now = Date.now();

// The same rules as GrowthBook features: each rule an experiment with the same seed,
// hash version and weights, so both must pick the same variant for the same visitor.
const features: Record<string, unknown> = {};
for (const [slot, def] of Object.entries(rules.slots)) {
  features[slot] = {
    defaultValue: null,
    rules: def.rules.map((r) => ({
      id: r.id, key: `${slot}/${r.id}`, seed: `${slot}/${r.id}`, hashVersion: 2, hashAttribute: 'id', coverage: 1,
      condition: r.when, variations: r.variants.map((v) => v.id), weights: [0.5, 0.5],
    })),
  };
}
const gb = new GrowthBookClient().initSync({ payload: { features } as never });

function runKairos(): { ms: number; picks: string[] } {
  const picks: string[] = [];
  const t0 = selfCpu();
  for (let i = 0; i < N; i++) {
    const d = decide(compiled, { visitor: visitors[i]!, slots, context: contexts[i]!, now });
    if (i % 997 === 0) for (const s of slots) picks.push(`${s}=${d[s]!.variant ?? '-'}`);
  }
  return { ms: (selfCpu() - t0) / 1000, picks };
}

function runGrowthBook(): { ms: number; picks: string[] } {
  const picks: string[] = [];
  const t0 = selfCpu();
  for (let i = 0; i < N; i++) {
    const user = { attributes: { ...contexts[i]!, id: visitors[i]! } };
    const out: Record<string, unknown> = {};
    for (const s of slots) out[s] = gb.evalFeature(s, user).value;
    if (i % 997 === 0) for (const s of slots) picks.push(`${s}=${(out[s] as string | null) ?? '-'}`);
  }
  return { ms: (selfCpu() - t0) / 1000, picks };
}

const k: number[] = [];
const g: number[] = [];
let agree = true;
for (let round = 0; round < ROUNDS; round++) {
  const a = runKairos();
  const b = runGrowthBook();
  k.push(a.ms);
  g.push(b.ms);
  agree &&= a.picks.join() === b.picks.join();
}
const decisions = N * slots.length;
const km = median(k);
const gm = median(g);
console.log(`engine: ${N} contexts × ${slots.length} slots × 3 rules = ${decisions} slot decisions, ${ROUNDS} rounds, median of this process's CPU time`);
console.log(`  kairos decide        ${km.toFixed(0).padStart(7)} ms CPU  ${((decisions / km) * 1000).toExponential(2)} slot decisions/s`);
console.log(`  growthbook evalFeature ${gm.toFixed(0).padStart(5)} ms CPU  ${((decisions / gm) * 1000).toExponential(2)} slot decisions/s`);
console.log(`  same variants on sampled contexts: ${agree ? 'yes' : 'NO'}`);
console.log(`  GOAL kairos ≥ 10× GrowthBook evalFeature: ${(gm / km).toFixed(1)}× — ${verdict(gm / km >= 10)}`);
if (!agree) process.exitCode = 1;
