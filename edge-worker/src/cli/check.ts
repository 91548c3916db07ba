import { readFile } from 'node:fs/promises';
import type { RulesIssue } from '../rules/types.ts';
import { precompileRules } from '../rules/precompile.ts';

/** A rules file checked from disk: when valid, its text and its precompiled form; every issue otherwise. */
export interface CheckedFile {
  ok: boolean;
  errors: RulesIssue[];
  warnings: RulesIssue[];
  /** The validated rules as JSON. */
  text: string;
  /** The precompiled rules file the Worker bundle carries (precompiled-format.ts), as JSON. */
  compiled: string;
}

/** Reads and validates a rules file; a missing or unreadable file is an error, not a crash. */
export async function checkRulesFile(path: string): Promise<CheckedFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String((e as Error).message);
    return { ok: false, errors: [{ path: '$', message: `cannot read ${path}: ${why}`, severity: 'error' }], warnings: [], text: '', compiled: '' };
  }
  const r = await precompileRules(text);
  if (!r.ok || !r.rules || !r.precompiled) return { ok: false, errors: r.errors, warnings: r.warnings, text: '', compiled: '' };
  return { ok: true, errors: [], warnings: r.warnings, text: JSON.stringify(r.rules, null, 2), compiled: JSON.stringify(r.precompiled) };
}
