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

/** Options of {@link learnWeights}. */
export interface LearnOptions extends ThompsonOptions {
  /** Pseudo-visitors of the pooled rate each segment's posterior starts from. @default estimated from the data (`priorStrengths`) */
  priorStrength?: number;
}

/** Bounds of an estimated prior strength: never quite ignore the pool, never quite ignore a segment. */
const MIN_STRENGTH = 5;
const MAX_STRENGTH = 100_000;

/**
 * Per arm, how many visitors' worth of the pooled rate a segment's posterior starts from:
 * the Beta-binomial prior whose spread matches how much the segments' rates really differ
 * (a method-of-moments estimate of the between-segment variance τ², sampling noise taken
 * out, and only spread clearly beyond it counted). Segments that do not differ get a strong prior (in effect the pooled bandit, so
 * the context costs next to nothing); segments that do differ a weak one, so each
 * follows its own data. Partial pooling also lets a small segment lean on the others.
 */
export function priorStrengths(bySegment: RuleCounts, pooled: readonly ArmCounts[]): number[] {
  return pooled.map((p, i) => {
    const n = p.exposed;
    if (n === 0) return MIN_STRENGTH;
    const rate = p.conversions / n;
    const pq = Math.max(rate * (1 - rate), 1e-6);
    let spread = 0;
    let k = 0;
    let squares = 0;
    for (const row of bySegment.values()) {
      const a = row[i]!;
      if (a.exposed === 0) continue;
      k++;
      spread += a.exposed * (a.conversions / a.exposed - rate) ** 2;
      squares += a.exposed * a.exposed;
    }
    // Spread beyond chance only: what sampling noise alone gives, (k − 1)·pq, plus two of
    // its standard deviations (a chi-square's), so alike segments are not split on noise.
    const excess = spread - (k - 1) * pq - 2 * Math.sqrt(2 * (k - 1)) * pq;
    const tau2 = k > 1 ? Math.max(0, excess / (n - squares / n)) : 0;
    return tau2 > 0 ? Math.min(MAX_STRENGTH, Math.max(MIN_STRENGTH, pq / tau2 - 1)) : MAX_STRENGTH;
  });
}

/** A segment's counts with each arm's pooled rate added as `strength[arm]` pseudo-visitors. */
export function shrunk(arms: readonly ArmCounts[], pooled: readonly ArmCounts[], strength: readonly number[]): ArmCounts[] {
  return arms.map((a, i) => {
    const p = pooled[i]!;
    const rate = p.exposed > 0 ? p.conversions / p.exposed : 0;
    const m = strength[i]!;
    return { exposed: a.exposed + m, conversions: Math.min(a.conversions, a.exposed) + m * rate };
  });
}

/**
 * Each segment's counts on a prior from the coarser segments above it, in the order the
 * rule names its fields: all segments pooled → the first field's values → the first two
 * … → the full segment. At each level a node starts from its parent's posterior rate,
 * with the strength `priorStrengths` estimates from how much that parent's children
 * differ. So a field that matters is learned from everyone sharing its value, and the
 * finer splits below it stay close unless their own data say otherwise.
 *
 * @param strength A fixed prior strength at every level instead of the estimated ones.
 */
export function segmentPosteriors(bySegment: RuleCounts, n: number, strength?: number): Map<string, ArmCounts[]> {
  const depth = Math.max(1, ...[...bySegment.keys()].map((k) => k.split('|').length));
  // Counts of every node of every level; level 0 is the pool.
  const levels: RuleCounts[] = [new Map([['', pooledCounts(bySegment, n)]])];
  for (let l = 1; l <= depth; l++) {
    const level: RuleCounts = new Map();
    for (const [key, arms] of bySegment) {
      const node = key.split('|').slice(0, l).join('|');
      let row = level.get(node);
      if (!row) level.set(node, (row = Array.from({ length: n }, () => ({ exposed: 0, conversions: 0 }))));
      arms.forEach((a, i) => {
        row![i]!.exposed += a.exposed;
        row![i]!.conversions += a.conversions;
      });
    }
    levels.push(level);
  }
  const parentOf = (node: string): string => node.slice(0, Math.max(0, node.lastIndexOf('|')));
  let posteriors = new Map<string, ArmCounts[]>([['', levels[0]!.get('')!]]);
  for (let l = 1; l <= depth; l++) {
    const children = new Map<string, RuleCounts>();
    for (const [node, arms] of levels[l]!) {
      const parent = l === 1 ? '' : parentOf(node);
      let group = children.get(parent);
      if (!group) children.set(parent, (group = new Map()));
      group.set(node, arms);
    }
    const next = new Map<string, ArmCounts[]>();
    for (const [parent, group] of children) {
      const raw = levels[l - 1]!.get(parent)!;
      const prior = posteriors.get(parent)!;
      const m = strength !== undefined ? raw.map(() => strength) : priorStrengths(group, raw);
      for (const [node, arms] of group) next.set(node, shrunk(arms, prior, m));
    }
    posteriors = next;
  }
  return posteriors;
}

/**
 * Thompson weights of every bandit rule, once each of its variants has the minimum
 * sample over all segments (equal before, so left out): pooled, and per segment from
 * the segment's own counts on a prior from the coarser segments (`segmentPosteriors`).
 */
export function learnWeights(rules: CompiledRules, stats: StatsSnapshot, opts: LearnOptions = {}): Map<string, RuleWeights> {
  const min = opts.minSample ?? DEFAULT_MIN_SAMPLE;
  const out = new Map<string, RuleWeights>();
  for (const [seed, bySegment] of banditCounts(rules, stats)) {
    const n = bySegment.values().next().value?.length ?? 0;
    if (n === 0) continue;
    const pooledArms = pooledCounts(bySegment, n);
    const pooled = enoughSample(pooledArms, min) ? thompsonWeights(pooledArms, opts) : undefined;
    const segments = new Map<string, readonly number[]>();
    // One segment (`"segment": []`) is the pooled bandit itself.
    if (pooled && bySegment.size > 1) {
      const largest = new Map([...bySegment].sort((a, b) => total(b[1]) - total(a[1])).slice(0, MAX_SEGMENTS_PER_RULE));
      for (const [segment, armsOf] of segmentPosteriors(largest, n, opts.priorStrength)) segments.set(segment, thompsonWeights(armsOf, { ...opts, minSample: 0 }));
    }
    out.set(seed, { pooled, segments });
  }
  return out;
}

const total = (arms: ArmCounts[]): number => arms.reduce((s, a) => s + a.exposed, 0);
