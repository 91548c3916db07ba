/**
 * The Worker's rules: the precompiled file the build bundled, checked and compiled
 * once. Imports neither the validator's schema nor the HTML sanitiser; Node loads
 * rules files with `LiveRules`, which validates and sanitises them itself.
 */
import type { CompiledRules } from '../engine/types.ts';
import { regexKey, type PrecompiledRules } from './precompiled-format.ts';
import { compileRulesWith } from '../engine/compile.ts';
import { checkPrecompiled } from './check-precompiled.ts';
import { programFromJson } from '../language/regex/program-json.ts';
import { regexOf, type SafeRegex } from '../language/regex/safe-regex.ts';

/** The compiled rules, or why the file cannot be used. */
export type LoadedPrecompiled = { ok: true; rules: CompiledRules } | { ok: false; error: string };

/**
 * Checks and compiles a precompiled rules file (parsed JSON).
 * @example
 * const r = loadPrecompiled(bundled);
 * if (!r.ok) console.error(`kairos: bundled rules refused: ${r.error}`);
 */
export function loadPrecompiled(value: unknown): LoadedPrecompiled {
  const problem = checkPrecompiled(value);
  if (problem) return { ok: false, error: problem };
  const { rules, version, regexes } = value as PrecompiledRules;
  const programs = new Map<string, SafeRegex | null>();
  for (const [key, json] of Object.entries(regexes)) {
    const program = json && programFromJson(json);
    if (program === undefined) return { ok: false, error: `$.regexes[${JSON.stringify(key)}] is not a well-formed regex program: rebuild the rules with npm run build` };
    programs.set(key, program && regexOf(program));
  }
  const missing: string[] = [];
  const regex = (source: string, flags: '' | 'i'): SafeRegex | null => {
    const re = programs.get(regexKey(source, flags));
    if (re === undefined) missing.push(regexKey(source, flags));
    return re ?? null;
  };
  try {
    const compiled = compileRulesWith(rules, version, regex);
    if (missing.length) return { ok: false, error: `$.regexes has no program for ${JSON.stringify(missing[0])}: rebuild the rules with npm run build` };
    return { ok: true, rules: compiled };
  } catch (e) {
    // Only a file that did not come from the build can get here (an origin that is no URL, a broken regex).
    return { ok: false, error: `cannot compile: ${(e as Error).message}` };
  }
}
