import { fieldKind, nearestField } from './fields.ts';
import type { IssueList, Path } from './issues.ts';

const SCALAR = new Set(['string', 'number', 'boolean']);

/**
 * A rule's `segment` names context fields the bandit learns per combination of: each must
 * be a known field holding one plain value (not a map or list, which would make one
 * segment per visitor), named once; segments on a fixed rule are pointless, so they warn.
 */
export function checkSegment(rule: Record<string, unknown>, path: Path, issues: IssueList): void {
  const fields = rule.segment;
  if (rule.learn !== 'bandit') {
    if (fields !== undefined) issues.warning([...path, 'segment'], 'only a bandit ("learn": "bandit") learns per segment; this rule ignores it');
    if (rule.stickyDays !== undefined) issues.warning([...path, 'stickyDays'], 'only a bandit ("learn": "bandit") keeps visitors on their first variant; this rule ignores it');
    return;
  }
  if (!Array.isArray(fields)) return;
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    if (typeof f !== 'string') return;
    const at = [...path, 'segment', i];
    const kind = fieldKind(f);
    if (kind === undefined) {
      const near = nearestField(f);
      issues.error(at, `unknown context field "${f}"${near ? `; did you mean "${near}"?` : ''}`);
    } else if (!SCALAR.has(kind)) {
      issues.error(at, `"${f}" holds a ${kind}, not one value: a bandit segments by fields like "device.type" or "geo.country"`);
    } else if (f.startsWith('views.')) {
      issues.error(at, `"${f}" changes with every page: segment by a field of the visit, like "device.type"`);
    }
    if (seen.has(f)) issues.error(at, `"${f}" is named twice`);
    seen.add(f);
  });
}
