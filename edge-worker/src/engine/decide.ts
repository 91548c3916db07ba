import type { CompiledRule, CompiledRules } from './types.ts';
import type { BanditReason, ContextDocument, Decision, Outcome, Reason } from '../protocol/index.ts';
import { chooseVariation, codeUnits, hash, hashUnits } from './hash.ts';

/** What one decision needs beside the compiled rules. */
export interface DecideInput {
  visitor: string;
  slots: readonly string[];
  context: ContextDocument;
  /** Exposure counts keyed `slot/rule`, for caps. */
  exposures?: { visitor?: Record<string, number>; session?: Record<string, number> };
  preview?: Record<string, string>;
  /** Epoch ms, for schedules. */
  now: number;
  /** Bandit assignments keyed `slot/rule` (Signals.assigned), honoured for the rule's sticky period. */
  assigned?: Record<string, { variant: string; at: number }>;
  /** The segment and learned weights of a `learn: "bandit"` rule for this visitor; fixed weights when absent. */
  bandit?: (rule: CompiledRule) => BanditReason | undefined;
}

type Skip = NonNullable<Reason['skipped']>[number];
const NONE: Skip[] = [];

/** The global holdout is per visitor and site, independent of slots, so it is the same everywhere. */
export function inHoldout(rules: CompiledRules, visitor: string): boolean {
  if (rules.holdout <= 0) return false;
  const n = hash(`holdout:${rules.site}`, visitor, 2);
  return n !== null && n < rules.holdout;
}

function defaultDecision(slot: string, outcome: Outcome, extra: Partial<Reason> = {}): Decision {
  return { slot, reason: { outcome, id: `${slot}:-:${outcome}`, ...extra } };
}

/** The variant for a bucket: fixed weights, or learned ones (bandit) when given. */
function pickVariant(rule: CompiledRule, bucket: number, weights: readonly number[] | undefined): number {
  let ranges = rule.ranges;
  if (weights && weights.length === rule.variants.length) {
    const total = weights.reduce((s, w) => s + (w > 0 ? w : 0), 0);
    if (total > 0) {
      let at = 0;
      ranges = weights.map((w) => [at, (at += (w > 0 ? w : 0) / total)] as [number, number]);
    }
  }
  const index = chooseVariation(bucket, ranges);
  return index < 0 ? 0 : index;
}

/**
 * The variant a bandit visitor was first shown, while the rule's sticky period lasts
 * (and with personalization consent: the assignment is stored behaviour); else -1.
 */
function stickyVariant(rule: CompiledRule, input: DecideInput): number {
  const prior = input.assigned?.[rule.seed];
  if (!prior || !rule.stickyMs || !input.context.consent.personalization) return -1;
  if (prior.at > input.now || input.now - prior.at >= rule.stickyMs) return -1;
  return rule.variants.findIndex((v) => v.id === prior.variant);
}

function capReached(rule: CompiledRule, input: DecideInput): boolean {
  if (!rule.cap) return false;
  const { perVisitor, perSession } = rule.cap;
  return (
    (perVisitor !== undefined && (input.exposures?.visitor?.[rule.seed] ?? 0) >= perVisitor) ||
    (perSession !== undefined && (input.exposures?.session?.[rule.seed] ?? 0) >= perSession)
  );
}

/** True when `rule` would apply to this visitor now: in consent, in schedule, matching. */
function applies(rule: CompiledRule, input: DecideInput): boolean {
  if (rule.needsConsent && !input.context.consent.personalization) return false;
  if ((rule.start !== undefined && input.now < rule.start) || (rule.end !== undefined && input.now >= rule.end)) return false;
  return rule.matcher(input.context);
}

/**
 * A holdout visitor keeps the default, but the reason names the rule that would have
 * applied, so the report can compare each rule with its own like-for-like control.
 * `Decision.rule` stays empty: nothing was shown, so no cap counts it.
 */
function holdoutDecision(rules: CompiledRules, candidates: CompiledRule[], slot: string, input: DecideInput): Decision {
  for (const rule of candidates) {
    if (applies(rule, input)) return defaultDecision(slot, 'holdout', { rule: rule.id, fields: rule.fields });
  }
  return rules.fixed.get(slot)?.holdout ?? defaultDecision(slot, 'holdout');
}

/** `visitor`: the code units of `input.visitor`, for hashing. */
function decideSlot(rules: CompiledRules, slot: string, input: DecideInput, holdout: boolean, visitor: Uint16Array): Decision {
  const candidates = rules.slots.get(slot);
  if (!candidates) return defaultDecision(slot, 'unknown-slot');
  // Own keys only: a slot called "constructor" must not find Object's.
  const forced = input.preview && Object.hasOwn(input.preview, slot) ? input.preview[slot] : undefined;
  if (forced !== undefined) {
    for (const rule of candidates) {
      const v = rule.variants.find((x) => x.id === forced);
      if (v) {
        const content = v.fill ? v.fill(input.context) : v.content;
        return { slot, variant: v.id, rule: rule.id, content, reason: { outcome: 'preview', id: v.reasonId, rule: rule.id } };
      }
    }
  }
  if (holdout) return holdoutDecision(rules, candidates, slot, input);
  const consent = input.context.consent.personalization;
  // Allocated only when a rule is skipped: most decisions skip none.
  let skipped: Skip[] = NONE;
  for (const rule of candidates) {
    if (rule.needsConsent && !consent) {
      if (skipped === NONE) skipped = [];
      skipped.push({ rule: rule.id, why: 'consent' });
      continue;
    }
    if (!rule.matcher(input.context)) continue;
    // Checked after matching, so `schedule` only reports rules that would have applied.
    if ((rule.start !== undefined && input.now < rule.start) || (rule.end !== undefined && input.now >= rule.end)) {
      if (skipped === NONE) skipped = [];
      skipped.push({ rule: rule.id, why: 'schedule' });
      continue;
    }
    if (capReached(rule, input)) {
      return defaultDecision(slot, 'cap', { rule: rule.id, fields: rule.fields, ...(skipped.length ? { skipped } : {}) });
    }
    const bucket = hashUnits(rule.seedState, visitor);
    const bandit = rule.learn === 'bandit' ? input.bandit?.(rule) : undefined;
    const kept = bandit ? stickyVariant(rule, input) : -1;
    const v = rule.variants[kept >= 0 ? kept : pickVariant(rule, bucket, bandit?.weights)]!;
    const reason: Reason = { outcome: 'match', id: v.reasonId, rule: rule.id, fields: rule.fields, bucket };
    if (skipped.length) reason.skipped = skipped;
    if (bandit) reason.bandit = kept >= 0 ? { ...bandit, sticky: true } : bandit;
    return { slot, variant: v.id, rule: rule.id, content: v.fill ? v.fill(input.context) : v.content, reason };
  }
  // Nothing matched: say whether consent or a schedule kept a rule out, so site owners can tell.
  if (skipped === NONE) return rules.fixed.get(slot)?.noMatch ?? defaultDecision(slot, 'no-match');
  const why = skipped.find((s) => s.why === 'consent') ? 'consent' : 'schedule';
  return defaultDecision(slot, why, { skipped });
}

/**
 * Decides every requested slot: preview first, then the holdout, then the first
 * rule that is in consent, in schedule and matches; a cap on that rule means default.
 * Pure: no I/O, no clock beyond `input.now`.
 */
export function decide(rules: CompiledRules, input: DecideInput): Record<string, Decision> {
  const visitor = codeUnits(input.visitor);
  // inHoldout's hash, continued from its seed's state.
  const holdout = rules.holdout > 0 && hashUnits(rules.holdoutSeed, visitor) < rules.holdout;
  // Keyed by client-chosen slot ids: no prototype, so "__proto__" is a slot like any other.
  const out: Record<string, Decision> = Object.create(null);
  // One evaluation for every slot: each context field is read once.
  const mode = rules.reads.enter(input.context);
  try {
    for (const slot of input.slots) {
      const d = decideSlot(rules, slot, input, holdout, visitor);
      // A preview naming a variant (or slot) the rules do not have says so instead of vanishing.
      const unknown = d.reason.outcome !== 'preview' && input.preview && Object.hasOwn(input.preview, slot);
      out[slot] = unknown ? { ...d, reason: { ...d.reason, previewRefused: d.reason.outcome === 'unknown-slot' ? 'unknown-slot' : 'unknown-variant' } } : d;
    }
  } finally {
    rules.reads.leave(mode);
  }
  return out;
}
