import { Miniflare } from 'miniflare';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { proxyCacheSuite } from './proxy-cache-suite.ts';
import { proxyDecisionSuite } from './proxy-decision-suite.ts';
import { proxySuite, type StartEdge } from './proxy-suite.ts';
import { bundleWorker } from './worker-bundle.ts';

let bundles = 0;
const startEdge: StartEdge = async (origin, timeoutMs, rules = new URL('./fixtures/rules.proxy.json', import.meta.url)) => {
  const out = join(tmpdir(), `kairos-proxy-worker-${process.pid}-${bundles++}.mjs`);
  await bundleWorker(fileURLToPath(rules), out);
  const mf = new Miniflare({
    scriptPath: out, modules: true, modulesRoot: dirname(out), compatibilityDate: '2026-04-01', host: '127.0.0.1', port: 0,
    bindings: { KAIROS_PROXY: '1', KAIROS_ORIGIN: origin, KAIROS_ORIGIN_TIMEOUT_MS: String(timeoutMs), KAIROS_SECRET: 'proxy-test-secret' },
    // The stats Durable Object, in memory: exposures from edge-rendered pages are counted.
    durableObjects: { STATS: { className: 'KairosStats', useSQLite: true } },
  });
  const url = (await mf.ready).toString();
  return { url, close: () => mf.dispose() };
};
proxySuite('workerd, HTMLRewriter', startEdge);
proxyDecisionSuite('workerd, HTMLRewriter', startEdge);
proxyCacheSuite('workerd, HTMLRewriter', startEdge);
