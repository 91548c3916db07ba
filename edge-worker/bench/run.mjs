// `npm run bench`: bundles each benchmark with esbuild and runs it in its own Node process.
// `npm run bench -- http workerd` runs only those.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
// Inside the package, so the bundles resolve its node_modules.
const out = join(here, '..', 'dist', 'bench');
const only = process.argv.slice(2);
let failed = false;
for (const name of ['size', 'engine', 'http', 'workerd']) {
  if (only.length && !only.includes(name)) continue;
  const file = join(out, `${name}.mjs`);
  await build({ entryPoints: [join(here, `${name}.ts`)], outfile: file, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning', absWorkingDir: here });
  // As in production: GrowthBook's SDK builds debug log entries on every evaluation otherwise.
  const env = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' };
  const r = spawnSync(process.execPath, [file], { stdio: 'inherit', cwd: join(here, '..'), env });
  failed ||= r.status !== 0;
}
process.exitCode = failed ? 1 : 0;
