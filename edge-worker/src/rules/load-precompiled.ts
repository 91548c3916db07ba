/**
 * The Worker's rules: the precompiled file the build bundled, checked and compiled
 * once. Imports neither the validator's schema nor the HTML sanitiser; Node loads
 * rules files with `LiveRules`, which validates and sanitises them itself.
 */
import type { CompiledRules } from '../engine/types.ts';
import type { PrecompiledRules } from './precompiled-format.ts';
import { compileRules } from '../engine/compile.ts';
import { checkPrecompiled } from './check-precompiled.ts';

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
  const { rules, version } = value as PrecompiledRules;
  try {
    return { ok: true, rules: compileRules(rules, version) };
  } catch (e) {
    // Only a file that did not come from the build can get here (an origin that is no URL, a broken regex).
    return { ok: false, error: `cannot compile: ${(e as Error).message}` };
  }
}
