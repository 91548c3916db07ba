import type { CompiledRules } from '../engine/types.ts';
import type { StatsSnapshot } from '../stats/types.ts';
import type { RuleWeights } from './snapshot.ts';
import { DEFAULT_MIN_SAMPLE, enoughSample, thompsonWeights, type ArmCounts, type ThompsonOptions } from './thompson.ts';

/** Most segments one rule learns separately (the largest by visitors); the rest use the pooled weights. */
export const MAX_SEGMENTS_PER_RULE = 500;

/** A bandit rule's evidence: per segment, per variant (in the rule's order). */
export type RuleCounts = Map<string, ArmCounts[]>;

/**
 * Per bandit rule (by seed `slot/rule`) and segment, each variant's exposed visitors and
 * converters of the rule's goal, from the store's per-segment aggregates.
 */
export function banditCounts(rules: CompiledRules, stats: StatsSnapshot): Map<string, RuleCounts> {
  const out = new Map<string, RuleCounts>();
  // reason id → [rule seed, variant index, goal]
  const arms = new Map<string, [string, number, string, number]>();
  for (const list of rules.slots.values()) {
    for (const rule of list) {
      if (rule.learn !== 'bandit' || rule.goal === undefined) continue;
      out.set(rule.seed, new Map());
      rule.variants.forEach((v, i) => arms.set(v.reasonId, [rule.seed, i, rule.goal!, rule.variants.length]));
    }
  }
  const cell = (arm: string, segment: string): ArmCounts | undefined => {
    const at = arms.get(arm);
    if (!at) return undefined;
    const bySegment = out.get(at[0])!;
    let row = bySegment.get(segment);
    if (!row) bySegment.set(segment, (row = Array.from({ length: at[3] }, () => ({ exposed: 0, conversions: 0 }))));
    return row[at[1]];
  };
  for (const r of stats.segmentDays ?? []) {
    const c = cell(r.arm, r.segment);
    if (c) c.exposed += r.visitors;
  }
  for (const r of stats.segmentGoalDays ?? []) {
    if (arms.get(r.arm)?.[2] !== r.goal) continue;
    const c = cell(r.arm, r.segment);
    if (c) c.conversions += r.converters;
  }
  return out;
}

/** Every variant's counts summed over segments. */
export function pooledCounts(bySegment: RuleCounts, n: number): ArmCounts[] {
  const sum = Array.from({ length: n }, () => ({ exposed: 0, conversions: 0 }));
  for (const row of bySegment.values()) {
    row.forEach((a, i) => {
      sum[i]!.exposed += a.exposed;
      sum[i]!.conversions += a.conversions;
    });
  }
  return sum;
}

/**
 * Thompson weights of every bandit rule: per segment where each of its variants has the
 * minimum sample, pooled where the rule as a whole has it; left out otherwise (equal).
 */
export function learnWeights(rules: CompiledRules, stats: StatsSnapshot, opts: ThompsonOptions = {}): Map<string, RuleWeights> {
  const min = opts.minSample ?? DEFAULT_MIN_SAMPLE;
  const out = new Map<string, RuleWeights>();
  for (const [seed, bySegment] of banditCounts(rules, stats)) {
    const n = bySegment.values().next().value?.length ?? 0;
    if (n === 0) continue;
    const pooledArms = pooledCounts(bySegment, n);
    const pooled = enoughSample(pooledArms, min) ? thompsonWeights(pooledArms, opts) : undefined;
    const segments = new Map<string, readonly number[]>();
    const largest = [...bySegment].sort((a, b) => total(b[1]) - total(a[1])).slice(0, MAX_SEGMENTS_PER_RULE);
    for (const [segment, armsOf] of largest) if (enoughSample(armsOf, min)) segments.set(segment, thompsonWeights(armsOf, opts));
    out.set(seed, { pooled, segments });
  }
  return out;
}

const total = (arms: ArmCounts[]): number => arms.reduce((s, a) => s + a.exposed, 0);
