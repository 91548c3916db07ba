import { runExplain } from './explain.ts';
import { runInit } from './init.ts';
import { runValidate } from './validate.ts';
export { checkRulesFile } from './check.ts';

type Out = Pick<Console, 'log' | 'error'>;

const USAGE = `usage:
  kairos init [dir] [--site id]
  kairos validate <rules.json>
  kairos explain <rules.json> [--context ctx.json] [--slots hero,promo] [--visitor id] [--now ISO] [--json]`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The `kairos` command line; returns the exit code. */
export async function main(args: string[], out: Out): Promise<number> {
  const [cmd, file] = args;
  if (cmd === 'init') {
    const site = flag(args, '--site');
    const dir = file && !file.startsWith('--') ? file : undefined;
    return runInit({ ...(dir ? { dir } : {}), ...(site ? { site } : {}) }, out);
  }
  if (cmd === 'validate' && file) return runValidate(file, out);
  if (cmd === 'explain' && file) {
    const slots = flag(args, '--slots');
    const ctx = flag(args, '--context');
    const visitor = flag(args, '--visitor');
    const now = flag(args, '--now');
    return runExplain(
      {
        rulesPath: file,
        ...(ctx ? { contextPath: ctx } : {}),
        ...(slots ? { slots: slots.split(',').filter(Boolean) } : {}),
        ...(visitor ? { visitor } : {}),
        ...(now ? { now } : {}),
        json: args.includes('--json'),
      },
      out,
    );
  }
  out.error(USAGE);
  return cmd === 'help' || cmd === '--help' ? 0 : 2;
}
