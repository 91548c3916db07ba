/**
 * The checks beyond the schema's shapes, over the file as written (they run even
 * when the schema failed, so one pass reports everything; malformed parts are
 * skipped here because the schema already reported them).
 */
import { checkAudienceCycles, indexAudiences } from './audiences.ts';
import { checkCondition, type ConditionCheck } from './conditions.ts';
import { checkVariantContent } from './content.ts';
import { IssueList, isPlainObject, type Path } from './issues.ts';
import { checkSchedule } from './schedule.ts';
import { checkSegment } from './segment.ts';

/** Checks audiences, then every slot's rules. */
export function checkSemantics(input: unknown, issues: IssueList): void {
  if (!isPlainObject(input)) return;
  const audiences = indexAudiences(input.audiences);
  const graph = new Map<string, Set<string>>();
  if (isPlainObject(input.audiences)) {
    for (const [name, def] of Object.entries(input.audiences)) {
      if (!isPlainObject(def)) continue;
      const refs = new Set<string>();
      checkCondition(def, ['audiences', name], { issues, audiences, refs });
      graph.set(name, refs);
    }
  }
  checkAudienceCycles(graph, issues);
  if (!isPlainObject(input.slots)) return;
  for (const [slotId, slot] of Object.entries(input.slots)) {
    if (isPlainObject(slot) && Array.isArray(slot.rules)) {
      checkRules(slot.rules, ['slots', slotId, 'rules'], { issues, audiences, refs: new Set() });
    }
  }
}

function checkRules(rules: unknown[], at: Path, check: ConditionCheck): void {
  checkUniqueIds(rules, at, 'rule', 'slot', check.issues);
  rules.forEach((rule, i) => {
    if (!isPlainObject(rule)) return;
    const path = [...at, i];
    if (isPlainObject(rule.when)) checkCondition(rule.when, [...path, 'when'], check);
    if (Array.isArray(rule.variants)) {
      checkUniqueIds(rule.variants, [...path, 'variants'], 'variant', 'rule', check.issues);
      rule.variants.forEach((v, j) => {
        if (isPlainObject(v)) checkVariantContent(v, [...path, 'variants', j], check.issues);
      });
    }
    checkSchedule(rule.schedule, [...path, 'schedule'], check.issues);
    if (rule.learn === 'bandit' && rule.goal === undefined) {
      check.issues.warning([...path, 'learn'], 'a bandit learns from conversions, but this rule has no goal; set "goal" or use "fixed"');
    }
    checkSegment(rule, path, check.issues);
  });
}

/** Ids identify rules and variants in reasons, previews and reports, so they must be unique where they live. */
function checkUniqueIds(items: unknown[], at: Path, what: string, within: string, issues: IssueList): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    if (!isPlainObject(item) || typeof item.id !== 'string') return;
    const first = seen.get(item.id);
    if (first === undefined) seen.set(item.id, i);
    else issues.error([...at, i, 'id'], `duplicate ${what} id "${item.id}" (also ${at[at.length - 1]}[${first}]); ids must be unique within a ${within}`);
  });
}
