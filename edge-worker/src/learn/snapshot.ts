import type { CompiledRule } from '../engine/types.ts';
import type { BanditReason, ContextDocument } from '../protocol/index.ts';
import { segmentKey } from './segment.ts';
import { equalWeights } from './thompson.ts';

/** A bandit rule's learned weights: per segment, and pooled over all of them. */
export interface RuleWeights {
  /** Weights over every segment, used where a segment has too little data of its own. */
  pooled: readonly number[] | undefined;
  segments: ReadonlyMap<string, readonly number[]>;
}

/** An immutable set of learned weights: rule seed (`slot/rule`) → its weights. */
export interface WeightsSnapshot {
  /** When it was computed (epoch ms); 0 for the empty one. */
  readonly at: number;
  readonly rules: ReadonlyMap<string, RuleWeights>;
}

/** What a bandit decision used: the visitor's segment and the weights it was split by. */
export type BanditPick = BanditReason;

/** The snapshot before anything is learned: every bandit splits equally. */
export const EMPTY_WEIGHTS: WeightsSnapshot = Object.freeze({ at: 0, rules: new Map() });

/** Freezes a computed snapshot, so one can be shared by every request. */
export function freezeWeights(at: number, rules: Map<string, RuleWeights>): WeightsSnapshot {
  return Object.freeze({ at, rules });
}

const rounded = (ws: readonly number[]): number[] => ws.map((w) => Math.round(w * 1000) / 1000);

/**
 * The weights a bandit rule splits by for this context: its segment's, else the pooled
 * ones, else equal. Reads the snapshot only: no store, no I/O.
 */
export function banditPick(snapshot: WeightsSnapshot, rule: CompiledRule, context: ContextDocument): BanditPick {
  const segment = segmentKey(rule.segment ?? [], context);
  const learned = snapshot.rules.get(rule.seed);
  const own = learned?.segments.get(segment);
  if (own && own.length === rule.variants.length) return { segment, weights: rounded(own), source: 'segment' };
  const pooled = learned?.pooled;
  if (pooled && pooled.length === rule.variants.length) return { segment, weights: rounded(pooled), source: 'pooled' };
  return { segment, weights: rounded(equalWeights(rule.variants.length)), source: 'equal' };
}
