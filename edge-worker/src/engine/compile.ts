import type { CompiledRule, CompiledRules, CompiledVariant, Matcher, RegexCompiler } from './types.ts';
import type { Content, Decision, Outcome } from '../protocol/index.ts';
import type { Condition, PreparedRule, PreparedRules, PreparedVariant } from '../rules/types.ts';
import { compileConditionWith, conditionFields } from './conditions.ts';
import { compilePattern } from '../language/regex/compile-regex.ts';
import { getBucketRanges, seedState } from './hash.ts';
import { Reads } from './reads.ts';
import { compileFiller } from './tokens.ts';
import { contentTokenFields } from '../language/tokens.ts';
import { STORED_FIELDS } from '../language/stored-fields.ts';
import { DEFAULT_SEGMENT_FIELDS, DEFAULT_STICKY_DAYS } from '../learn/segment.ts';

/** Splits audiences into value lists (for `$inGroup`) and named conditions (for `$groups`). */
export function compileAudiences(audiences: PreparedRules['audiences'], reads: Reads, regex: RegexCompiler): {
  savedGroups: Record<string, unknown[]>;
  matchers: Record<string, Matcher>;
  reads: Reads;
  regex: RegexCompiler;
} {
  const savedGroups: Record<string, unknown[]> = {};
  const matchers: Record<string, Matcher> = {};
  for (const [name, def] of Object.entries(audiences ?? {})) {
    if (Array.isArray(def)) savedGroups[name] = def;
  }
  // Matchers reference the same record, so audiences may use other audiences; the
  // validator has already refused cycles.
  for (const [name, def] of Object.entries(audiences ?? {})) {
    if (!Array.isArray(def)) matchers[name] = compileConditionWith(def, { savedGroups, audiences: matchers, reads, regex });
  }
  return { savedGroups, matchers, reads, regex };
}

/** Frozen all the way down: every decision shares the tree (filled content too), so no request can change it for the next. */
function frozenTree<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  for (const v of Object.values(value)) frozenTree(v);
  return Object.freeze(value);
}

function compileVariant(slot: string, rule: string, v: PreparedVariant): CompiledVariant {
  // A copy: the prepared rules stay as they were (they may be compiled again).
  const content = frozenTree(structuredClone(v.content));
  const fill = compileFiller(content);
  return {
    id: v.id,
    weight: v.weight ?? 1,
    content,
    ...(fill ? { fill } : {}),
    reasonId: `${slot}:${rule}:${v.id}`,
  };
}

function instant(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : undefined;
}

function compileRule(
  slot: string, rule: PreparedRule, audiences: PreparedRules['audiences'], compiled: ReturnType<typeof compileAudiences>,
): CompiledRule {
  const when: Condition = rule.when ?? {};
  const variants = rule.variants.map((v) => compileVariant(slot, rule.id, v));
  const fields = new Set(conditionFields(when, audiences));
  for (const v of variants) for (const f of contentTokenFields(v.content)) fields.add(f);
  const total = variants.reduce((s, v) => s + v.weight, 0);
  const start = instant(rule.schedule?.start);
  const end = instant(rule.schedule?.end);
  return {
    id: rule.id,
    slot,
    seed: `${slot}/${rule.id}`,
    seedState: seedState(`${slot}/${rule.id}`),
    matcher: compileConditionWith(when, { savedGroups: compiled.savedGroups, audiences: compiled.matchers, reads: compiled.reads, regex: compiled.regex }),
    // Frozen: every decision of this rule shares the list.
    fields: Object.freeze([...fields].sort()) as string[],
    needsConsent: [...fields].some((f) => (STORED_FIELDS as readonly string[]).includes(f.split('.')[0]!)),
    variants,
    ranges: getBucketRanges(variants.length, 1, variants.map((v) => v.weight / total)),
    ...(rule.cap ? { cap: rule.cap } : {}),
    learn: rule.learn ?? 'fixed',
    ...(rule.goal !== undefined ? { goal: rule.goal } : {}),
    ...(rule.learn === 'bandit'
      ? { segment: Object.freeze([...(rule.segment ?? DEFAULT_SEGMENT_FIELDS)]), stickyMs: (rule.stickyDays ?? DEFAULT_STICKY_DAYS) * 86_400_000 }
      : {}),
    ...(start !== undefined ? { start } : {}),
    ...(end !== undefined ? { end } : {}),
  };
}

/** A default decision shared by every request: frozen, so no caller can change it for the next. */
function frozenDefault(slot: string, outcome: Outcome): Decision {
  return Object.freeze({ slot, reason: Object.freeze({ outcome, id: `${slot}:-:${outcome}` }) });
}

/** How long visitor-level rows are kept when the rules file does not say. */
export const DEFAULT_RETENTION_DAYS = 90;

/** The goals the report counts: the file's `goals` and every rule's `goal`, each once. */
function declaredGoals(rules: PreparedRules): string[] {
  const goals = new Set(rules.goals ?? []);
  for (const slot of Object.values(rules.slots)) for (const r of slot.rules) if (r.goal !== undefined) goals.add(r.goal);
  return [...goals];
}

/**
 * Compiles prepared rules (`prepareRules`: HTML already a sanitised node tree) once
 * per version: conditions become closures, weights become bucket ranges — so a
 * decision parses nothing.
 */
export function compileRules(rules: PreparedRules, version: string): CompiledRules {
  return compileRulesWith(rules, version, compilePattern);
}

/**
 * {@link compileRules} with the regex compiler given: the Worker's precompiled rules
 * bring their regexes compiled (rules/load-precompiled.ts), which keeps the pattern
 * parser and compiler out of its bundle.
 */
export function compileRulesWith(rules: PreparedRules, version: string, regex: RegexCompiler): CompiledRules {
  // One set of field values for all the rules' matchers: a decision reads each field once.
  const reads = new Reads();
  const audiences = compileAudiences(rules.audiences, reads, regex);
  const slots = new Map<string, CompiledRule[]>();
  const fixed: CompiledRules['fixed'] = new Map();
  for (const [slot, def] of Object.entries(rules.slots)) {
    slots.set(slot, def.rules.map((r) => compileRule(slot, r, rules.audiences, audiences)));
    fixed.set(slot, { noMatch: frozenDefault(slot, 'no-match'), holdout: frozenDefault(slot, 'holdout') });
  }
  const contentJson = new Map<Content, string>();
  for (const list of slots.values()) for (const r of list) for (const v of r.variants) contentJson.set(v.content, JSON.stringify(v.content));
  return {
    site: rules.site,
    version,
    origins: rules.origins ?? [],
    // The validator has checked each origin is a URL.
    siteHosts: (rules.origins ?? []).map((o) => new URL(o).host),
    holdout: rules.holdout ?? 0,
    holdoutSeed: seedState(`holdout:${rules.site}`),
    interestHalfLifeDays: rules.interestHalfLifeDays ?? 7,
    goals: declaredGoals(rules),
    retentionDays: rules.retentionDays ?? DEFAULT_RETENTION_DAYS,
    slots,
    fixed,
    contentJson,
    reads,
    source: rules,
    regex,
  };
}
