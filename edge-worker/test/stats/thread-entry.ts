import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

let built: Promise<URL> | undefined;

/** The stats thread's module, bundled as the Node edge ships it (once per test process). */
export function statsThreadEntry(): Promise<URL> {
  built ??= (async () => {
    // Inside the package, so the bundle resolves its dependencies from node_modules.
    const outfile = fileURLToPath(new URL(`../../dist/test/stats-thread-${process.pid}.mjs`, import.meta.url));
    const entry = fileURLToPath(new URL('../../src/adapters/node/stats-thread.ts', import.meta.url));
    await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
    return new URL(`file://${outfile}`);
  })();
  return built;
}
