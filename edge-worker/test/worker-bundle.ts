import { build, type Metafile, type Plugin } from 'esbuild';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { precompileRules } from '../src/rules/precompile.ts';

const pkg = fileURLToPath(new URL('..', import.meta.url));

/** Options of {@link bundleWorker}. */
export interface WorkerBundleOptions {
  /** Minify as wrangler deploy --minify would. @default false */
  minify?: boolean;
  /** Packages left out of the bundle (to measure what they weigh). @default none */
  external?: string[];
}

/** Writes `rulesFile` precompiled beside `outFile`, as the build does for `.generated/compiled-rules.json`. */
async function precompiledBeside(rulesFile: string, outFile: string): Promise<string> {
  const r = await precompileRules(await readFile(rulesFile, 'utf8'));
  if (!r.ok) throw new Error(`${rulesFile} is invalid: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  const path = outFile.replace(/\.m?js$/, '') + '.compiled-rules.json';
  await writeFile(path, JSON.stringify(r.precompiled));
  return path;
}

/**
 * Bundles the Workers entry exactly as wrangler would, with the bundled rules
 * replaced by `rulesFile` (precompiled here like the build does), into `outFile`.
 * Returns esbuild's metafile (sizes per input).
 */
export async function bundleWorker(rulesFile: string, outFile: string, opts: WorkerBundleOptions = {}): Promise<Metafile> {
  await mkdir(dirname(outFile), { recursive: true });
  const compiled = await precompiledBeside(rulesFile, outFile);
  const rules: Plugin = {
    name: 'kairos-test-rules',
    setup(b) {
      b.onResolve({ filter: /\.generated\/compiled-rules\.json$/ }, () => ({ path: compiled }));
    },
  };
  const { metafile } = await build({
    entryPoints: [`${pkg}src/adapters/workerd/entry.ts`], outfile: outFile, bundle: true, format: 'esm', platform: 'neutral',
    target: 'es2022', mainFields: ['module', 'main'], conditions: ['workerd', 'worker', 'browser'], plugins: [rules], logLevel: 'error',
    minify: opts.minify ?? false, external: opts.external ?? [], metafile: true,
  });
  return metafile;
}
