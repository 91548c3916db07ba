/**
 * For a slot that gets no variant: every rule tried and why it did not apply — the
 * first field of its condition that failed, with the value the context had, or why it
 * was skipped. Paths are in the validator's style (`$.slots.hero.rules[0].when["utm.term"]`).
 * Shared by `kairos explain` and decide's debug reason (`Reason.misses`); it compiles
 * condition entries on every call (firstMiss), so decide runs it only for debug requests.
 */
import type { Decision, RuleMiss } from '../protocol/index.ts';
import type { CompiledRules } from './types.ts';
import { compileAudiences } from './compile.ts';
import { firstMiss } from './explain-condition.ts';
import { Reads } from './reads.ts';
import { formatPath } from '../rules/issues.ts';

export type { RuleMiss };

const NO_VARIANT = new Set(['no-match', 'consent', 'schedule']);

/** The misses of each slot that got no variant, keyed by slot. */
export function explainMisses(rules: CompiledRules, decisions: Record<string, Decision>, context: unknown): Record<string, RuleMiss[]> {
  const { savedGroups, matchers } = compileAudiences(rules.source.audiences, new Reads(), rules.regex);
  const out: Record<string, RuleMiss[]> = {};
  for (const d of Object.values(decisions)) {
    const source = rules.source.slots[d.slot];
    if (d.variant || !source || !NO_VARIANT.has(d.reason.outcome)) continue;
    const skipped = new Map((d.reason.skipped ?? []).map((s) => [s.rule, s.why] as const));
    out[d.slot] = source.rules.map((rule, i): RuleMiss => {
      const at = ['slots', d.slot, 'rules', i, 'when'];
      const why = skipped.get(rule.id);
      if (why === 'consent' || why === 'schedule') return { rule: rule.id, path: formatPath(at), why };
      const miss = firstMiss(rule.when ?? {}, context, { savedGroups, audiences: matchers, regex: rules.regex });
      const path = formatPath(miss ? [...at, miss.key] : at);
      const base: RuleMiss = { rule: rule.id, path, why: 'condition', ...(miss ? { wanted: miss.wanted } : {}) };
      return miss?.isField && miss.value !== undefined ? { ...base, value: miss.value } : base;
    });
  }
  return out;
}
