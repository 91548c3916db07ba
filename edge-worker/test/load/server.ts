/**
 * The edge on Node in a process of its own, for the load test: so the RSS it reports
 * is the server's alone. Started with the rules file and a data folder as arguments;
 * tells its URL over IPC, answers `sample` with its memory after a forced GC (and its CPU time so far), and
 * closes when the parent goes away. Its secret is the third argument, so the test can
 * sign exposures as decide would.
 */
import { startNodeServer } from '../../src/adapters/node/server.ts';

const [rulesPath, dataDir, secret] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
// Every simulated visitor comes from the one loopback address: the per-address limit
// (tested in events-route.test.ts) would stand for thousands of clients here, so it is
// lifted and the flood meets the visitor limit alone.
const clientRateLimit = { burst: 1e9, perSecond: 1e9 };
const statsThread = new URL('./stats-thread.mjs', import.meta.url);
const server = await startNodeServer({ rulesPath, dataDir, secret, clientRateLimit, statsThread, port: 0, log: { log: () => {}, error: (s: string) => console.error(s) } });
process.send!({ url: server.url });
process.on('message', (m: unknown) => {
  if (m !== 'sample') return;
  const raw = process.memoryUsage().rss;
  gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  const cpu = process.cpuUsage();
  process.send!({ raw, rss, heapUsed, cpuMs: (cpu.user + cpu.system) / 1000 });
});
process.on('disconnect', () => void server.close().then(() => process.exit(0)));
