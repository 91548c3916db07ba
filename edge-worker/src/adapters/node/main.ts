/**
 * The edge on Node from the command line:
 * `node edge-worker/dist/node.mjs --rules demo-site/rules.json --port 8787 [--data .kairos-data/node] [--secret S] [--no-public]`.
 * The secret comes from `--secret`, else `KAIROS_SECRET`, else a random one kept in the data dir.
 */
import { resolve } from 'node:path';
import { startNodeServer } from './server.ts';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const server = await startNodeServer({
  rulesPath: resolve(arg('--rules') ?? 'demo-site/rules.json'),
  host: arg('--host') ?? '127.0.0.1',
  port: Number(arg('--port') ?? process.env.PORT ?? 8787),
  sdkDir: resolve(arg('--sdk') ?? 'sdk/dist'),
  // --no-public: the edge alone (a real site), without the demo storefront.
  publicDirs: args.includes('--no-public') ? [] : [resolve(arg('--public') ?? 'demo-site/public')],
  dev: args.includes('--dev'),
  dataDir: resolve(arg('--data') ?? '.kairos-data/node'),
  // Built beside this file (edge-worker/build.mjs).
  statsThread: new URL('./stats-thread.mjs', import.meta.url),
  ...((arg('--secret') ?? process.env.KAIROS_SECRET) ? { secret: (arg('--secret') ?? process.env.KAIROS_SECRET)! } : {}),
});
console.log(`kairos edge on Node: ${server.url}`);
const stop = (): void => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
