// `npm run bench`: bundles each benchmark with esbuild and runs it in its own Node process.
// `npm run bench -- http workerd` runs only those.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
// Inside the package, so the bundles resolve its node_modules.
const out = join(here, '..', 'dist', 'bench');
// Names pick benchmarks; `--flag value` pairs go to each of them.
const args = process.argv.slice(2);
const flags = args.flatMap((a, i) => (a.startsWith('--') ? [a, args[i + 1] ?? ''] : []));
const only = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
let failed = false;
// The bandit simulation runs only when named (`npm run bench:bandit`): it is long and measures no speed.
for (const name of only.length ? only : ['size', 'engine', 'http', 'workerd']) {
  const file = join(out, `${name}.mjs`);
  await build({ entryPoints: [join(here, `${name}.ts`)], outfile: file, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning', absWorkingDir: here });
  // As in production: GrowthBook's SDK builds debug log entries on every evaluation otherwise.
  const env = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' };
  const r = spawnSync(process.execPath, [file, ...flags], { stdio: 'inherit', cwd: join(here, '..'), env });
  failed ||= r.status !== 0;
}
process.exitCode = failed ? 1 : 0;
