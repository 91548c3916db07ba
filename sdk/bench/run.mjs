// `npm run bench:sdk`: bundles the SDK benchmark with esbuild and runs it in Node
// (the edge it starts is TypeScript; Playwright stays an external package).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const file = join(here, '..', 'dist', 'bench', 'cold-start.mjs');
await build({ entryPoints: [join(here, 'cold-start.ts')], outfile: file, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning', absWorkingDir: here });
const r = spawnSync(process.execPath, [file, ...process.argv.slice(2)], { stdio: 'inherit', cwd: join(here, '..', '..') });
process.exitCode = r.status ?? 1;
