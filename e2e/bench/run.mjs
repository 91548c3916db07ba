// `npm run bench:proxy`: bundles the proxy-mode benchmark with esbuild and runs it in Node
// (the demo starter it uses is TypeScript; Playwright stays an external package).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const entry = join(here, 'proxy-vitals.ts');
const file = join(here, 'dist', 'proxy-vitals.mjs');
await build({
  entryPoints: [entry], outfile: file, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning', absWorkingDir: here,
  // e2e/support/edge-server.ts finds the repository from its own URL: keep the source's, not the bundle's (one level deeper).
  define: { 'import.meta.url': JSON.stringify(pathToFileURL(entry).href) },
});
const r = spawnSync(process.execPath, [file, ...process.argv.slice(2)], { stdio: 'inherit', cwd: join(here, '..', '..') });
process.exitCode = r.status ?? 1;
