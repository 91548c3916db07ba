import type { CompiledRule } from '../engine/types.ts';
import { seededRng } from '../learn/beta.ts';
import { pooledCounts, segmentPosteriors, type RuleCounts } from '../learn/learn-weights.ts';
import { enoughSample, equalWeights, posterior, thompsonWeights, type ArmCounts } from '../learn/thompson.ts';
import type { StatsSnapshot } from './types.ts';

/** Segments drawn with their weights over time (the largest); the others are listed only. */
const CHARTED_SEGMENTS = 4;
/** Days of weights drawn, the most recent. */
const CHARTED_DAYS = 30;
/** Monte-Carlo draws per recomputed weight in the report (a picture, not a decision). */
const REPORT_DRAWS = 400;

/** One variant of one segment: its posterior and the weight it gets now. */
export interface BanditArm {
  variant: string;
  exposed: number;
  converters: number;
  /** Beta posterior mean of the rate and its 95 % interval. */
  mean: number;
  low: number;
  high: number;
  weight: number;
}

/** One segment of a bandit rule. */
export interface BanditSegment {
  segment: string;
  visitors: number;
  arms: BanditArm[];
  /** Weights the learner would have used at the end of each UTC day (the largest segments only). */
  weightsByDay: { day: string; weights: number[] }[] | null;
}

/** A bandit rule's learning, per segment, largest first. */
export interface BanditReport {
  goal: string;
  fields: readonly string[];
  segments: BanditSegment[];
}

const iso = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** Per segment and variant, the counts up to (and including) `until` (an epoch day). */
function countsUntil(rule: CompiledRule, snap: StatsSnapshot, until: number): RuleCounts {
  const index = new Map(rule.variants.map((v, i) => [v.reasonId, i]));
  const out: RuleCounts = new Map();
  const cell = (arm: string, segment: string): ArmCounts | undefined => {
    const i = index.get(arm);
    if (i === undefined) return undefined;
    let row = out.get(segment);
    if (!row) out.set(segment, (row = rule.variants.map(() => ({ exposed: 0, conversions: 0 }))));
    return row[i];
  };
  for (const r of snap.segmentDays ?? []) if (r.day <= until) { const c = cell(r.arm, r.segment); if (c) c.exposed += r.visitors; }
  for (const r of snap.segmentGoalDays ?? []) if (r.day <= until && r.goal === rule.goal) { const c = cell(r.arm, r.segment); if (c) c.conversions += r.converters; }
  return out;
}

/** The learner's weights for each segment of these counts, as learn-weights computes them. */
function weightsOf(counts: RuleCounts, n: number, draws: number): Map<string, number[]> {
  const rng = seededRng(1);
  const pooled = pooledCounts(counts, n);
  const out = new Map<string, number[]>();
  if (!enoughSample(pooled)) {
    for (const s of counts.keys()) out.set(s, equalWeights(n));
    return out;
  }
  if (counts.size === 1) {
    for (const [s, arms] of counts) out.set(s, thompsonWeights(arms, { draws, rng }));
    return out;
  }
  for (const [s, arms] of segmentPosteriors(counts, n)) out.set(s, thompsonWeights(arms, { minSample: 0, draws, rng }));
  return out;
}

/** What a bandit rule has learned, per segment: posteriors, weights now and over time. Null without a goal. */
export function banditReport(rule: CompiledRule, snap: StatsSnapshot): BanditReport | null {
  if (rule.learn !== 'bandit' || rule.goal === undefined) return null;
  const n = rule.variants.length;
  const days = [...new Set((snap.segmentDays ?? []).filter((r) => r.arm.startsWith(`${rule.slot}:${rule.id}:`)).map((r) => r.day))].sort((a, b) => a - b);
  const last = days[days.length - 1] ?? 0;
  const now = countsUntil(rule, snap, last);
  const weights = weightsOf(now, n, REPORT_DRAWS * 5);
  const order = [...now].sort((a, b) => total(b[1]) - total(a[1]));
  const charted = new Set(order.slice(0, CHARTED_SEGMENTS).map(([s]) => s));
  const history = new Map<string, { day: string; weights: number[] }[]>();
  for (const day of days.slice(-CHARTED_DAYS)) {
    const w = weightsOf(countsUntil(rule, snap, day), n, REPORT_DRAWS);
    for (const s of charted) {
      let h = history.get(s);
      if (!h) history.set(s, (h = []));
      h.push({ day: iso(day), weights: w.get(s) ?? equalWeights(n) });
    }
  }
  return {
    goal: rule.goal,
    fields: rule.segment ?? [],
    segments: order.map(([segment, arms]) => ({
      segment,
      visitors: total(arms),
      arms: arms.map((a, i) => ({ variant: rule.variants[i]!.id, exposed: a.exposed, converters: a.conversions, ...posterior(a), weight: weights.get(segment)?.[i] ?? 1 / n })),
      weightsByDay: history.get(segment) ?? null,
    })),
  };
}

const total = (arms: ArmCounts[]): number => arms.reduce((s, a) => s + a.exposed, 0);
