/**
 * What a decision needs per slot, gathered once per compiled rules: the slot's
 * rules, their conditions without guards, the hash state of each rule's seed,
 * and the slot's fixed decisions. Slots lists seen recently keep their plans in
 * order and the shape of their answer.
 */
import type { CompiledRule, CompiledRules, Matcher } from './types.ts';
import type { Decision } from '../protocol/index.ts';
import { matcherBody } from './conditions.ts';
import { seedState } from './hash.ts';

export interface SlotPlan {
  rules: CompiledRule[];
  /** `rule.matcher` by rule index, unguarded where it can be (see matcherBody): the caller catches. */
  tests: Matcher[];
  /** `seedState(rule.seed)` by rule index. */
  seeds: number[];
  fixed: { noMatch: Decision; holdout: Decision } | undefined;
}

/** A requested slots list: the plan of each slot in order (undefined: unknown slot). */
export interface RequestPlan {
  plans: (SlotPlan | undefined)[];
  /**
   * A spread copy of an object with the answer's keys, made once the list has been
   * asked for twice, and kept. An object built key by key turns into a slow
   * dictionary past a dozen keys; once V8 has made a fast shape for these keys in
   * this order (it does for a spread copy), objects built the same way follow that
   * shape instead: a 50-slot answer costs half. Nothing reads it.
   */
  shape: object | null;
  /** `seedState` of the global holdout's seed (see `inHoldout`). */
  holdoutSeed: number;
}

interface Plans {
  bySlot: Map<string, SlotPlan>;
  /** Most recent first: a site's pages ask for the same few lists request after request. */
  recent: { slots: string[]; plan: RequestPlan }[];
  holdoutSeed: number;
}

const RECENT = 4;
const plans = new WeakMap<CompiledRules, Plans>();

function build(rules: CompiledRules): Plans {
  const bySlot = new Map<string, SlotPlan>();
  for (const [slot, list] of rules.slots) {
    bySlot.set(slot, {
      rules: list,
      tests: list.map((r) => matcherBody(r.matcher) ?? r.matcher),
      seeds: list.map((r) => seedState(r.seed)),
      fixed: rules.fixed.get(slot),
    });
  }
  return { bySlot, recent: [], holdoutSeed: seedState(`holdout:${rules.site}`) };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function shape(slots: readonly string[]): object {
  const keyed: Record<string, unknown> = {};
  for (const slot of slots) keyed[slot] = null;
  return { ...keyed };
}

/** The plan for `slots` under `rules`, built at first use (compiled rules never change). */
export function requestPlan(rules: CompiledRules, slots: readonly string[]): RequestPlan {
  let p = plans.get(rules);
  if (!p) plans.set(rules, (p = build(rules)));
  for (const r of p.recent) {
    if (!sameList(r.slots, slots)) continue;
    r.plan.shape ??= shape(slots);
    return r.plan;
  }
  const plan: RequestPlan = { plans: slots.map((s) => p.bySlot.get(s)), shape: null, holdoutSeed: p.holdoutSeed };
  // A copy: the caller may change its array later.
  p.recent.unshift({ slots: [...slots], plan });
  if (p.recent.length > RECENT) p.recent.pop();
  return plan;
}
