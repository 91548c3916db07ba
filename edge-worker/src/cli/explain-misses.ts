/**
 * For a slot that gets no variant: every rule tried and why it did not apply — the
 * first field of its condition that failed, with the value the context had, or why it
 * was skipped. Paths are in the validator's style (`$.slots.hero.rules[0].when["utm.term"]`).
 */
import type { Decision } from '../protocol/index.ts';
import type { CompiledRules } from '../engine/types.ts';
import { compileAudiences } from '../engine/compile.ts';
import { compilePattern } from '../language/regex/compile-regex.ts';
import { firstMiss } from '../engine/explain-condition.ts';
import { Reads } from '../engine/reads.ts';
import { formatPath, quote } from '../rules/issues.ts';

/** One rule of a slot that did not apply. */
export interface RuleMiss {
  rule: string;
  /** The condition entry that failed, or the rule's `when` when a whole-rule reason applies. */
  path: string;
  /** `condition`: an entry failed; `consent` / `schedule`: the rule was skipped. */
  why: 'condition' | 'consent' | 'schedule';
  wanted?: unknown;
  /** What the context had at `path` (absent: nothing there, or an operator with no one value). */
  value?: unknown;
}

const NO_VARIANT = new Set(['no-match', 'consent', 'schedule']);

/** The misses of each slot that got no variant, keyed by slot. */
export function explainMisses(rules: CompiledRules, decisions: Record<string, Decision>, context: unknown): Record<string, RuleMiss[]> {
  const { savedGroups, matchers } = compileAudiences(rules.source.audiences, new Reads(), compilePattern);
  const out: Record<string, RuleMiss[]> = {};
  for (const d of Object.values(decisions)) {
    const source = rules.source.slots[d.slot];
    if (d.variant || !source || !NO_VARIANT.has(d.reason.outcome)) continue;
    const skipped = new Map((d.reason.skipped ?? []).map((s) => [s.rule, s.why] as const));
    out[d.slot] = source.rules.map((rule, i): RuleMiss => {
      const at = ['slots', d.slot, 'rules', i, 'when'];
      const why = skipped.get(rule.id);
      if (why === 'consent' || why === 'schedule') return { rule: rule.id, path: formatPath(at), why };
      const miss = firstMiss(rule.when ?? {}, context, { savedGroups, audiences: matchers });
      const path = formatPath(miss ? [...at, miss.key] : at);
      const base: RuleMiss = { rule: rule.id, path, why: 'condition', ...(miss ? { wanted: miss.wanted } : {}) };
      return miss?.isField && miss.value !== undefined ? { ...base, value: miss.value } : base;
    });
  }
  return out;
}

/** One line per miss, for the terminal. */
export function missLine(m: RuleMiss): string {
  if (m.why === 'consent') return `  skipped "${m.rule}": ${m.path} reads stored behaviour, and the context has no personalization consent`;
  if (m.why === 'schedule') return `  skipped "${m.rule}": ${m.path} matches, but the rule is outside its schedule`;
  if (!('wanted' in m)) return `  tried "${m.rule}": ${m.path} holds as a whole, yet the rule did not match`;
  const had = 'value' in m ? `the context has ${quote(m.value)}` : 'the context has nothing there';
  return `  tried "${m.rule}": ${m.path} wants ${quote(m.wanted)}; ${had}`;
}
