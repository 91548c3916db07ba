/**
 * `kairos validate rules.json`: every error and warning, one per line, and an
 * exit code (0 valid, 1 refused). Node only: it reads the file from disk.
 */
import { readFile } from 'node:fs/promises';
import { RulesHolder } from '../rules/load.ts';
import { formatIssues } from '../rules/validate.ts';

/** Where the command writes: `console` in the CLI, a recorder in tests. */
export interface CliOutput {
  log(message: string): void;
  error(message: string): void;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Validates the rules file at `path`; returns the exit code.
 * @example process.exitCode = await runValidate('rules.json', console)
 */
export async function runValidate(path: string, out: CliOutput): Promise<number> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    out.error(`error ${path}: cannot read the file (${code === 'ENOENT' ? 'not found' : code ?? (e as Error).message})`);
    return 1;
  }
  const holder = new RulesHolder();
  const result = await holder.update(text);
  if (!result.ok) {
    out.error(formatIssues([...result.errors, ...result.warnings]));
    out.error(`${path}: refused, ${plural(result.errors.length, 'error')} and ${plural(result.warnings.length, 'warning')}`);
    return 1;
  }
  const { rules, version } = holder.current()!;
  if (result.warnings.length > 0) out.log(formatIssues(result.warnings));
  const slots = Object.values(rules.slots);
  const ruleCount = slots.reduce((n, slot) => n + slot.rules.length, 0);
  out.log(`${path}: valid, ${plural(slots.length, 'slot')}, ${plural(ruleCount, 'rule')}, version ${version}, ${plural(result.warnings.length, 'warning')}`);
  return 0;
}
