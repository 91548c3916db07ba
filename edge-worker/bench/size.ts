/**
 * The Worker bundle's size: `src/adapters/workerd/entry.ts` bundled with the options
 * build.mjs uses for dist/worker.js, minified (what a deploy uploads). The gate is a test
 * (edge-worker/test); this prints the figure beside the goal.
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import { verdict } from './load.ts';

/** The goal: at most 120 KB minified. */
const GOAL_BYTES = 120 * 1024;

const pkg = process.cwd();
const r = await build({
  entryPoints: [join(pkg, 'src/adapters/workerd/entry.ts')], bundle: true, format: 'esm', platform: 'neutral',
  target: 'es2022', mainFields: ['module', 'main'], conditions: ['workerd', 'worker', 'browser'], minify: true,
  write: false, logLevel: 'warning', absWorkingDir: pkg,
});
const bytes = r.outputFiles[0]!.contents.byteLength;
console.log('size of the Worker bundle (src/adapters/workerd/entry.ts, esbuild --minify)');
console.log(`  GOAL ≤ ${GOAL_BYTES / 1024} KB minified: ${(bytes / 1024).toFixed(1)} KB (${bytes} B) — ${verdict(bytes <= GOAL_BYTES)}`);
