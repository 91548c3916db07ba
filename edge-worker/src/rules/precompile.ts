/**
 * Writes the precompiled rules (see precompiled-format.ts): the rules file parsed,
 * validated and versioned exactly as a Node edge loads it, then prepared (HTML
 * sanitised into node trees). Runs in Node, at build time.
 */
import type { RulesFile, RulesIssue } from './types.ts';
import { RulesHolder } from './load.ts';
import { PRECOMPILED_FORMAT, PRECOMPILED_KIND, regexKey, type PrecompiledRules } from './precompiled-format.ts';
import { prepareRules } from './prepare.ts';
import { compileRulesWith } from '../engine/compile.ts';
import { compilePattern, programToJson } from '../language/regex/index.ts';
import type { RegexCompiler } from '../engine/types.ts';

/** What precompiling a rules text gave: the file when it validated, every issue otherwise. */
export interface PrecompileResult {
  ok: boolean;
  errors: RulesIssue[];
  warnings: RulesIssue[];
  /** The validated rules file. */
  rules?: RulesFile;
  precompiled?: PrecompiledRules;
}

/**
 * Validates and prepares a rules file's text for the Worker bundle.
 * @example
 * const r = await precompileRules(await readFile('rules.json', 'utf8'));
 * if (r.ok) await writeFile('.generated/compiled-rules.json', JSON.stringify(r.precompiled));
 */
export async function precompileRules(text: string): Promise<PrecompileResult> {
  const holder = new RulesHolder();
  const r = await holder.update(text);
  const current = holder.current();
  if (!r.ok || !current) return { ok: false, errors: r.errors, warnings: r.warnings };
  const prepared = prepareRules(current.rules);
  // Compiled here as the engine compiles them, so the table holds exactly the patterns the Worker will ask for.
  const regexes: PrecompiledRules['regexes'] = {};
  const recording: RegexCompiler = (source, flags) => {
    const re = compilePattern(source, flags);
    regexes[regexKey(source, flags)] = re && programToJson(re.program);
    return re;
  };
  compileRulesWith(prepared, current.version, recording);
  return {
    ok: true,
    errors: [],
    warnings: r.warnings,
    rules: current.rules,
    precompiled: { kind: PRECOMPILED_KIND, format: PRECOMPILED_FORMAT, version: current.version, rules: prepared, regexes },
  };
}
