import { Miniflare } from 'miniflare';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { bundleWorker } from '../worker-bundle.ts';

/** The secret the test worker signs with. */
export const TEST_SECRET = 'test-secret';

const bundles = new Map<string, Promise<string>>();

/** The worker bundle (with `rulesFile` as its bundled rules), built once per rules file and process. */
export function workerBundle(rulesFile: string): Promise<string> {
  let b = bundles.get(rulesFile);
  if (!b) {
    const out = join(tmpdir(), `kairos-stats-worker-${process.pid}-${bundles.size}.mjs`);
    bundles.set(rulesFile, (b = bundleWorker(rulesFile, out).then(() => out)));
  }
  return b;
}

/**
 * The worker in real workerd with its stats Durable Object (SQLite-backed) persisted
 * under `persistDir`: disposing and booting again on the same folder is a restart.
 */
export async function bootWorker(rulesFile: string, persistDir: string, bindings: Record<string, string> = { KAIROS_DEV: '1', KAIROS_SECRET: TEST_SECRET }): Promise<{ mf: Miniflare; url: URL }> {
  const scriptPath = await workerBundle(rulesFile);
  const mf = new Miniflare({
    scriptPath, modules: true, modulesRoot: dirname(scriptPath), compatibilityDate: '2026-04-01', host: '127.0.0.1', port: 0,
    bindings,
    durableObjects: { STATS: { className: 'KairosStats', useSQLite: true } },
    durableObjectsPersist: persistDir,
  });
  return { mf, url: await mf.ready };
}
