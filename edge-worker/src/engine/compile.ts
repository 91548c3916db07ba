import type {
  CompiledRule, CompiledRules, CompiledVariant, Condition, Content, Decision, Matcher, Outcome, RuleInput, RulesFile, StoredField, VariantInput,
} from '../types.ts';
import { compileCondition, conditionFields } from './conditions.ts';
import { getBucketRanges } from './hash.ts';
import { oneByte } from './one-byte.ts';
import { Reads, setReads } from './reads.ts';
import { compileFiller, contentTokenFields } from './tokens.ts';
import { sanitiseAttrs, sanitiseHtml } from '../rules/sanitise.ts';

/** Context fields that hold stored behaviour: reading one needs personalization consent. */
export const STORED_FIELDS: readonly StoredField[] = ['visitor', 'views', 'interests', 'conversions'];

/** Splits audiences into value lists (for `$inGroup`) and named conditions (for `$groups`). */
function compileAudiences(audiences: RulesFile['audiences'], reads: Reads): {
  savedGroups: Record<string, unknown[]>;
  matchers: Record<string, Matcher>;
  reads: Reads;
} {
  const savedGroups: Record<string, unknown[]> = {};
  const matchers: Record<string, Matcher> = {};
  for (const [name, def] of Object.entries(audiences ?? {})) {
    if (Array.isArray(def)) savedGroups[name] = def;
  }
  // Matchers reference the same record, so audiences may use other audiences; the
  // validator has already refused cycles.
  for (const [name, def] of Object.entries(audiences ?? {})) {
    if (!Array.isArray(def)) matchers[name] = compileCondition(def, { savedGroups, audiences: matchers, reads });
  }
  return { savedGroups, matchers, reads };
}

function compileContent(v: VariantInput): Content {
  const content: Content = {};
  if (v.html !== undefined) content.nodes = sanitiseHtml(v.html).nodes;
  else if (v.text !== undefined) content.nodes = [{ t: v.text }];
  if (v.attrs) content.attrs = sanitiseAttrs(v.attrs).attrs;
  return content;
}

/**
 * A copy of a JSON-like content tree that is frozen all the way down (every decision
 * shares it, filled content too) and holds its ASCII strings, keys included, in
 * V8's one-byte form (see one-byte.ts): the sanitiser slices them out of the rule's
 * HTML, which is two-byte as soon as it holds one "€".
 */
function sharedTree<T>(value: T): T {
  if (typeof value === 'string') return oneByte(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return Object.freeze(value.map(sharedTree)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[oneByte(k)] = sharedTree(v);
  return Object.freeze(out) as T;
}

function compileVariant(slot: string, rule: string, v: VariantInput): CompiledVariant {
  const content = sharedTree(compileContent(v));
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
  slot: string, rule: RuleInput, audiences: RulesFile['audiences'], compiled: ReturnType<typeof compileAudiences>,
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
    matcher: compileCondition(when, { savedGroups: compiled.savedGroups, audiences: compiled.matchers, reads: compiled.reads }),
    // Frozen: every decision of this rule shares the list (and its JSON).
    fields: Object.freeze([...fields].sort()) as string[],
    needsConsent: [...fields].some((f) => (STORED_FIELDS as readonly string[]).includes(f.split('.')[0]!)),
    variants,
    ranges: getBucketRanges(variants.length, 1, variants.map((v) => v.weight / total)),
    ...(rule.cap ? { cap: rule.cap } : {}),
    learn: rule.learn ?? 'fixed',
    ...(rule.goal !== undefined ? { goal: rule.goal } : {}),
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
function declaredGoals(rules: RulesFile): string[] {
  const goals = new Set(rules.goals ?? []);
  for (const slot of Object.values(rules.slots)) for (const r of slot.rules) if (r.goal !== undefined) goals.add(r.goal);
  return [...goals];
}

/**
 * Compiles validated rules once per version: conditions become closures, HTML
 * becomes a sanitised node tree, weights become bucket ranges — so a decision
 * parses nothing.
 */
export function compileRules(rules: RulesFile, version: string): CompiledRules {
  // One set of field values for all the rules' matchers: a decision reads each field once.
  const reads = new Reads();
  const audiences = compileAudiences(rules.audiences, reads);
  const slots = new Map<string, CompiledRule[]>();
  const fixed: CompiledRules['fixed'] = new Map();
  for (const [slot, def] of Object.entries(rules.slots)) {
    slots.set(slot, def.rules.map((r) => compileRule(slot, r, rules.audiences, audiences)));
    fixed.set(slot, { noMatch: frozenDefault(slot, 'no-match'), holdout: frozenDefault(slot, 'holdout') });
  }
  const compiled: CompiledRules = {
    site: rules.site,
    version,
    origins: rules.origins ?? [],
    // The validator has checked each origin is a URL.
    siteHosts: (rules.origins ?? []).map((o) => new URL(o).host),
    holdout: rules.holdout ?? 0,
    interestHalfLifeDays: rules.interestHalfLifeDays ?? 7,
    goals: declaredGoals(rules),
    retentionDays: rules.retentionDays ?? DEFAULT_RETENTION_DAYS,
    slots,
    fixed,
    source: rules,
  };
  setReads(compiled, reads);
  return compiled;
}
