import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeStatsStore } from '../../src/adapters/node/stats.ts';
import { threadedStatsStore } from '../../src/adapters/node/threaded-stats.ts';
import { durableObjectStats, type StatsNamespace } from '../../src/adapters/workerd/do-store.ts';
import { sqlStatsStore } from '../../src/stats/sql-store.ts';
import { deferredSql } from './deferred-driver.ts';
import { storeSuite } from './store-suite.ts';
import { statsThreadEntry } from './thread-entry.ts';
import { bootWorker } from './workerd-harness.ts';

const rules = fileURLToPath(new URL('../fixtures/rules.app.json', import.meta.url));

// The same suite against every backend.
storeSuite({ name: 'Node (SQLite file, node-sqlite3-wasm)', open: async (dir) => nodeStatsStore(dir) });
storeSuite({ name: 'Node, in its stats thread (as the Node edge runs it)', open: async (dir) => threadedStatsStore(dir, await statsThreadEntry()) });

storeSuite({
  name: 'Durable Object (SQLite, real workerd through Miniflare)',
  async open(dir) {
    const { mf } = await bootWorker(rules, dir);
    const ns = (await mf.getDurableObjectNamespace('STATS')) as unknown as StatsNamespace;
    return { ...durableObjectStats(ns), close: () => mf.dispose() };
  },
});

// A driver whose every statement waits a turn of the event loop, as a networked database's does.
storeSuite({ name: 'a third driver (deferred statements, as over a network)', open: async (dir) => sqlStatsStore((site) => deferredSql(join(dir, `${site}.db`))) });
