import { build, type Plugin } from 'esbuild';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('..', import.meta.url));

/**
 * Bundles the Workers entry exactly as wrangler would, with the bundled rules
 * replaced by `rulesFile`, into `outFile`.
 */
export async function bundleWorker(rulesFile: string, outFile: string): Promise<void> {
  const rules: Plugin = {
    name: 'kairos-test-rules',
    setup(b) {
      b.onResolve({ filter: /\.generated\/rules\.json$/ }, () => ({ path: rulesFile }));
    },
  };
  await mkdir(fileURLToPath(new URL('.', `file://${outFile}`)), { recursive: true });
  await build({
    entryPoints: [`${pkg}src/adapters/workerd/entry.ts`], outfile: outFile, bundle: true, format: 'esm', platform: 'neutral',
    target: 'es2022', mainFields: ['module', 'main'], conditions: ['workerd', 'worker', 'browser'], plugins: [rules], logLevel: 'error',
  });
}
