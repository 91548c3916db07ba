import type { RuleMiss } from '../protocol/index.ts';
import { quote } from '../rules/issues.ts';

/** One line per miss, for the terminal. */
export function missLine(m: RuleMiss): string {
  if (m.why === 'consent') return `  skipped "${m.rule}": ${m.path} reads stored behaviour, and the context has no personalization consent`;
  if (m.why === 'schedule') return `  skipped "${m.rule}": ${m.path} matches, but the rule is outside its schedule`;
  if (!('wanted' in m)) return `  tried "${m.rule}": ${m.path} holds as a whole, yet the rule did not match`;
  const had = 'value' in m ? `the context has ${quote(m.value)}` : 'the context has nothing there';
  return `  tried "${m.rule}": ${m.path} wants ${quote(m.wanted)}; ${had}`;
}
