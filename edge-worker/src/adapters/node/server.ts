import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../../app.ts';
import { fileAssets } from './file-assets.ts';
import { LiveRules, type LoadResult } from '../../live-rules.ts';
import { nodeStatsStore } from './stats.ts';
import { threadedStatsStore } from './threaded-stats.ts';
import { nodeRewriteSlots } from './html-rewriter.ts';
import { assetsOrigin, urlOrigin } from '../../proxy/origin.ts';
import type { RateLimit } from '../../stats/types.ts';
import { watchFile, type FileWatch } from './watch-file.ts';
import { dataDirSecret } from './secret.ts';

/** Options of {@link startNodeServer}. */
export interface NodeServerOptions {
  /** A rules file on disk, watched: a valid change is applied, an invalid one is reported and ignored. */
  rulesPath?: string;
  /** Rules given as an object (tests). */
  rules?: unknown;
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. @default 0 */
  port?: number;
  /** Directory with the SDK build (kairos.js and chunks). */
  sdkDir?: string;
  /** More static directories (the demo storefront). */
  publicDirs?: string[];
  /** Trust dev-only headers (x-kairos-country). @default false */
  dev?: boolean;
  /**
   * Where the stats live (one SQLite file per site); kept across restarts.
   * @default a fresh folder in the OS temp dir, removed on close (nothing persists)
   * @example '.kairos-data/node'
   */
  dataDir?: string;
  /**
   * The stats thread's module (the bundled `stats-thread.mjs`): SQLite's synchronous
   * writes then wait in a thread of their own, not in front of every request.
   * @default the store runs in the request thread (as the TypeScript sources under test do)
   */
  statsThread?: URL;
  /** Per-visitor rate limit of POST /v1/events. @default { burst: 400, perSecond: 5 } */
  eventsRateLimit?: RateLimit;
  /**
   * Proxy mode (edge rendering): pages come from `origin` (a URL), or from the static
   * directories when it is left out (the demo), with their slots filled at the edge.
   * @default off
   * @example { origin: 'https://origin.shop.example' }
   */
  proxy?: { origin?: string; timeoutMs?: number };
  /** Per-address rate limit of POST /v1/events and /v1/forget (the socket's address). @default { burst: 2000, perSecond: 50 } */
  clientRateLimit?: RateLimit;
  /** The per-deploy secret (AppOptions.secret). @default one made at random once and kept in `dataDir` (file `secret`) */
  secret?: string;
  /** Where rule reload reports go. @default console */
  log?: Pick<Console, 'log' | 'error'>;
  now?: () => number;
}

export interface NodeServer {
  url: string;
  rules: LiveRules;
  close(): Promise<void>;
}

function report(log: Pick<Console, 'log' | 'error'>, source: string, r: LoadResult): void {
  for (const w of r.warnings) log.log(`kairos: ${source}: warning ${w.path}: ${w.message}`);
  if (r.ok) return;
  log.error(`kairos: ${source} refused, still serving the last good rules:`);
  for (const e of r.errors) log.error(`  ${e.path}: ${e.message}`);
}

/** The edge on Node (`@hono/node-server`), from the same app as the Worker. */
export async function startNodeServer(opts: NodeServerOptions): Promise<NodeServer> {
  const log = opts.log ?? console;
  const rules = new LiveRules();
  let watcher: FileWatch | undefined;
  if (opts.rulesPath) {
    const path = opts.rulesPath;
    const load = async (): Promise<void> => report(log, path, await rules.load(await readFile(path, 'utf8').catch(() => '')));
    await load();
    // Editors save in bursts, and often by renaming a new file over the old one.
    watcher = watchFile(path, () => void load().catch(() => {}));
  } else if (opts.rules !== undefined) {
    report(log, 'rules', await rules.load(JSON.stringify(opts.rules)));
  }
  const dirs = [...(opts.sdkDir ? [opts.sdkDir] : []), ...(opts.publicDirs ?? [])];
  const scratch = opts.dataDir === undefined ? mkdtempSync(join(tmpdir(), 'kairos-stats-')) : undefined;
  const stats = opts.statsThread ? threadedStatsStore(opts.dataDir ?? scratch!, opts.statsThread) : nodeStatsStore(opts.dataDir ?? scratch!);
  const assets = dirs.length ? fileAssets(dirs) : undefined;
  const proxy = opts.proxy && {
    origin: opts.proxy.origin ? urlOrigin(opts.proxy.origin) : assetsOrigin(assets ?? fileAssets([])),
    rewrite: nodeRewriteSlots,
    ...(opts.proxy.timeoutMs !== undefined ? { timeoutMs: opts.proxy.timeoutMs } : {}),
  };
  const app = createApp({
    rules,
    stats,
    secret: opts.secret ?? dataDirSecret(opts.dataDir ?? scratch!),
    clientAddress: (_req, env) => (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress,
    ...(opts.eventsRateLimit ? { eventsRateLimit: opts.eventsRateLimit } : {}),
    ...(assets ? { assets } : {}),
    ...(proxy ? { proxy } : {}),
    ...(opts.clientRateLimit ? { clientRateLimit: opts.clientRateLimit } : {}),
    ...(opts.dev ? { dev: true } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  });
  const host = opts.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((ok) => {
    const s = serve({ fetch: app.fetch, hostname: host, port: opts.port ?? 0 }, () => ok(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    rules,
    close: async () => {
      await new Promise<void>((ok) => {
        watcher?.close();
        server.close(() => ok());
        // Keep-alive sockets would hold close() open.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await stats.close?.();
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    },
  };
}
