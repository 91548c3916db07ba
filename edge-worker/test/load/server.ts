/**
 * The edge on Node in a process of its own, for the load test: so the RSS it reports
 * is the server's alone. Started with the rules file and a data folder as arguments;
 * tells its URL over IPC, answers `sample` with its memory after a forced GC (and its CPU time so far), and
 * closes when the parent goes away.
 */
import { startNodeServer } from '../../src/adapters/node/server.ts';

const [rulesPath, dataDir] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
const server = await startNodeServer({ rulesPath, dataDir, port: 0, log: { log: () => {}, error: (s: string) => console.error(s) } });
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
