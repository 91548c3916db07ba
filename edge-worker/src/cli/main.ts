import { runExplain } from './explain.ts';
import { runPreviewToken } from './preview-token.ts';
import { runValidate } from './validate.ts';
export { checkRulesFile } from './check.ts';

type Out = Pick<Console, 'log' | 'error'>;

const USAGE = `usage:
  kairos validate <rules.json>
  kairos explain <rules.json> [--context ctx.json] [--slots hero,promo] [--visitor id] [--now ISO] [--json]
  kairos preview-token --slot hero --variant ski-hero [--preview promo:b,…] [--ttl 1h] [--secret S | --data DIR]`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The `kairos` command line; returns the exit code. */
export async function main(args: string[], out: Out): Promise<number> {
  const [cmd, file] = args;
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
  if (cmd === 'preview-token') {
    const slot = flag(args, '--slot');
    const variant = flag(args, '--variant');
    const secret = flag(args, '--secret');
    const dataDir = flag(args, '--data');
    const ttl = flag(args, '--ttl');
    const pairs = [...(slot || variant ? [`${slot ?? ''}:${variant ?? ''}`] : []), ...(flag(args, '--preview')?.split(',').filter(Boolean) ?? [])];
    return runPreviewToken({ pairs, ...(ttl ? { ttl } : {}), ...(secret ? { secret } : {}), ...(dataDir ? { dataDir } : {}) }, out);
  }
  out.error(USAGE);
  return cmd === 'help' || cmd === '--help' ? 0 : 2;
}
