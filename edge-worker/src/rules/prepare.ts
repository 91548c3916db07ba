/**
 * Turns validated rules into what the engine compiles: each variant's text, HTML
 * and attributes become one `Content` (HTML sanitised into a node tree). It runs
 * where the sanitiser is: when Node loads a rules file, and at build time for the
 * Worker bundle, which then carries no HTML parser.
 */
import type { Content } from '../protocol/content.ts';
import type { PreparedRules, PreparedVariant, RulesFile, VariantInput } from './types.ts';
import { sanitiseAttrs, sanitiseHtml } from './sanitise.ts';

function prepareVariant(v: VariantInput): PreparedVariant {
  const content: Content = {};
  if (v.html !== undefined) content.nodes = sanitiseHtml(v.html).nodes;
  else if (v.text !== undefined) content.nodes = [{ t: v.text }];
  if (v.attrs) content.attrs = sanitiseAttrs(v.attrs).attrs;
  return { id: v.id, ...(v.weight !== undefined ? { weight: v.weight } : {}), content };
}

/**
 * Prepares validated rules for `compileRules`.
 * @example compileRules(prepareRules(validated), version)
 */
export function prepareRules(rules: RulesFile): PreparedRules {
  const { $schema: _schema, slots, ...rest } = rules;
  const prepared: PreparedRules['slots'] = {};
  for (const [id, slot] of Object.entries(slots)) {
    prepared[id] = { rules: slot.rules.map((r) => ({ ...r, variants: r.variants.map(prepareVariant) })) };
  }
  return { ...rest, slots: prepared };
}
