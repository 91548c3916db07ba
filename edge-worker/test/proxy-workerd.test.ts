import { Miniflare } from 'miniflare';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { proxySuite } from './proxy-suite.ts';
import { bundleWorker } from './worker-bundle.ts';

proxySuite('workerd, HTMLRewriter', async (origin, timeoutMs) => {
  const out = join(tmpdir(), `kairos-proxy-worker-${process.pid}.mjs`);
  await bundleWorker(fileURLToPath(new URL('./fixtures/rules.proxy.json', import.meta.url)), out);
  const mf = new Miniflare({
    scriptPath: out, modules: true, modulesRoot: dirname(out), compatibilityDate: '2026-04-01', host: '127.0.0.1', port: 0,
    bindings: { KAIROS_PROXY: '1', KAIROS_ORIGIN: origin, KAIROS_ORIGIN_TIMEOUT_MS: String(timeoutMs) },
  });
  const url = (await mf.ready).toString();
  return { url, close: () => mf.dispose() };
});
