/**
 * Audience references: a name must exist and be of the right kind — a list of
 * values for `$inGroup` / `$notInGroup`, a condition for `$audience` / `$groups` —
 * and condition audiences must not depend on themselves through each other.
 */
import { IssueList, isPlainObject, type Path } from './issues.ts';
import { didYouMean } from './nearest.ts';

/** The audiences of a rules file, by kind. */
export interface AudienceIndex {
  conditions: ReadonlySet<string>;
  lists: ReadonlySet<string>;
}

/** Indexes `$.audiences` as written (it may still be malformed; the schema reports that). */
export function indexAudiences(audiences: unknown): AudienceIndex {
  const conditions = new Set<string>();
  const lists = new Set<string>();
  if (isPlainObject(audiences)) {
    for (const [name, def] of Object.entries(audiences)) {
      if (Array.isArray(def)) lists.add(name);
      else if (isPlainObject(def)) conditions.add(name);
    }
  }
  return { conditions, lists };
}

/**
 * Checks one reference to an audience. `want` is the kind the operator needs.
 * Valid references to condition audiences are added to `refs` (for the cycle check).
 */
export function checkAudienceRef(
  name: unknown, want: 'list' | 'condition', at: Path, index: AudienceIndex, issues: IssueList, refs: Set<string>,
): void {
  if (typeof name !== 'string') {
    issues.error(at, 'must name an audience, as a string');
    return;
  }
  const isList = index.lists.has(name);
  const isCondition = index.conditions.has(name);
  if (want === 'list' && isCondition) {
    issues.error(at, `audience "${name}" is a condition, but $inGroup / $notInGroup need a list of values; match a condition audience with {"$audience": "${name}"}`);
  } else if (want === 'condition' && isList) {
    issues.error(at, `audience "${name}" is a list of values; use it as {"<field>": {"$inGroup": "${name}"}}`);
  } else if (!isList && !isCondition) {
    const hint = didYouMean(name, [...index.conditions, ...index.lists]);
    issues.error(at, `unknown audience "${name}"${hint || '; define it under $.audiences'}`);
  } else if (want === 'condition') {
    refs.add(name);
  }
}

/** Reports each cycle among condition audiences once, at the audience where it is first reached. */
export function checkAudienceCycles(graph: ReadonlyMap<string, ReadonlySet<string>>, issues: IssueList): void {
  const done = new Set<string>();
  const reported = new Set<string>();
  const trail: string[] = [];

  function visit(name: string): void {
    const at = trail.indexOf(name);
    if (at >= 0) {
      const cycle = trail.slice(at);
      const key = [...cycle].sort().join('\u0000');
      if (!reported.has(key)) {
        reported.add(key);
        issues.error(['audiences', cycle[0]!], `audiences depend on each other in a cycle (${[...cycle, name].join(' → ')}), so none of them can be decided`);
      }
      return;
    }
    if (done.has(name)) return;
    trail.push(name);
    for (const next of graph.get(name) ?? []) visit(next);
    trail.pop();
    done.add(name);
  }

  for (const name of graph.keys()) visit(name);
}
