import type { Condition, RuleInput, RulesFile } from '../src/rules/types.ts';
import { escapeHtml } from './peer-attributes.ts';

/** A slot's value as the peer serves it: the variant's id and its content as written in the rules file. */
export interface PeerValue {
  id: string;
  attrs?: Record<string, string>;
  /** HTML with `{{dot.path}}` tokens, filled per request (peer-worker.ts). */
  html: string;
}

/** The subset of GrowthBook's feature payload (`FeatureApiResponse`) the translation writes. */
export interface GrowthBookPayload {
  features: Record<string, { defaultValue: null; rules: Record<string, unknown>[] }>;
  savedGroups: Record<string, unknown[]>;
}

/**
 * A Kairos rules file as GrowthBook features, one feature per slot, so both can be asked
 * the same question: each rule becomes a force rule (one variant) or an experiment (a
 * split, same seed, hash version and weights, so both pick the same variant), with the
 * same condition. The global holdout becomes a first force-to-default rule over the
 * holdout's bucket range; a cap becomes a force-to-default rule just before its own,
 * on the exposure counts the body carries. Value lists become saved groups (`$inGroup` works as in GrowthBook); a
 * condition audience is written inline where `$audience` names it. Schedules and
 * bandits have no GrowthBook equivalent here and are refused.
 */
export function growthbookPayload(rules: RulesFile): GrowthBookPayload {
  const savedGroups: Record<string, unknown[]> = {};
  const named: Record<string, Condition> = {};
  for (const [name, def] of Object.entries(rules.audiences ?? {})) {
    if (Array.isArray(def)) savedGroups[name] = def;
    else named[name] = def;
  }
  const inline = (c: unknown): unknown => {
    if (Array.isArray(c)) return c.map(inline);
    if (c === null || typeof c !== 'object') return c;
    const out: Record<string, unknown> = {};
    const and: unknown[] = [];
    for (const [k, v] of Object.entries(c)) {
      if (k === '$groups') throw new Error('bench: $groups has no GrowthBook translation here');
      if (k === '$audience') for (const name of [v].flat() as string[]) and.push(inline(named[name]));
      else if (k === '$and') and.push(...(inline(v) as unknown[]));
      else out[k] = inline(v);
    }
    if (and.length) out.$and = and;
    return out;
  };
  const holdout = rules.holdout ?? 0;
  const features: GrowthBookPayload['features'] = {};
  for (const [slot, def] of Object.entries(rules.slots)) {
    const translated = def.rules.flatMap((r) => rulesFor(slot, r, inline));
    const first = holdout > 0
      ? [{ id: 'holdout', force: null, hashAttribute: 'id', seed: `holdout:${rules.site}`, hashVersion: 2, range: [0, holdout] }]
      : [];
    features[slot] = { defaultValue: null, rules: [...first, ...translated] };
  }
  return { features, savedGroups };
}

/** One Kairos rule as GrowthBook rules: a cap reached means the default, so a force-to-default rule goes first. */
function rulesFor(slot: string, r: RuleInput, inline: (c: unknown) => unknown): Record<string, unknown>[] {
  if (r.schedule || r.learn === 'bandit') throw new Error(`bench: ${slot}/${r.id} has a schedule or a bandit, which the GrowthBook translation does not model`);
  const seed = `${slot}/${r.id}`;
  const condition = inline(r.when ?? {}) as Record<string, unknown>;
  const when = Object.keys(condition).length ? { condition } : {};
  const reached: Record<string, unknown>[] = [];
  if (r.cap?.perVisitor !== undefined) reached.push({ [`exposures.visitor.${seed}`]: { $gte: r.cap.perVisitor } });
  if (r.cap?.perSession !== undefined) reached.push({ [`exposures.session.${seed}`]: { $gte: r.cap.perSession } });
  const capped = reached.length ? [{ id: `${r.id}/cap`, condition: { $and: [condition, { $or: reached }] }, force: null }] : [];
  const values: PeerValue[] = r.variants.map((v) => ({
    id: v.id,
    ...(v.attrs ? { attrs: v.attrs } : {}),
    html: v.html ?? (v.text !== undefined ? escapeHtml(v.text) : ''),
  }));
  if (values.length === 1) return [...capped, { id: r.id, ...when, force: values[0] }];
  const total = r.variants.reduce((s, v) => s + (v.weight ?? 1), 0);
  return [...capped, {
    id: r.id, key: seed, seed, hashAttribute: 'id', hashVersion: 2, coverage: 1, ...when,
    variations: values, weights: r.variants.map((v) => (v.weight ?? 1) / total),
  }];
}
