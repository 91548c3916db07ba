import { readFile } from 'node:fs/promises';
import type { RulesIssue } from '../rules/types.ts';
import { RulesHolder } from '../rules/load.ts';

/** A rules file checked from disk: its text (canonical JSON) when valid, every issue otherwise. */
export interface CheckedFile {
  ok: boolean;
  errors: RulesIssue[];
  warnings: RulesIssue[];
  text: string;
}

/** Reads and validates a rules file; a missing or unreadable file is an error, not a crash. */
export async function checkRulesFile(path: string): Promise<CheckedFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String((e as Error).message);
    return { ok: false, errors: [{ path: '$', message: `cannot read ${path}: ${why}`, severity: 'error' }], warnings: [], text: '' };
  }
  const holder = new RulesHolder();
  const r = await holder.update(text);
  return { ok: r.ok, errors: r.errors, warnings: r.warnings, text: r.ok ? JSON.stringify(holder.current()!.rules, null, 2) : '' };
}
