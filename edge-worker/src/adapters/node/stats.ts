/**
 * The stats store on Node: the same SQL as the Durable Object, in one embedded
 * SQLite file per site (node-sqlite3-wasm: SQLite compiled to WebAssembly with a
 * file-backed VFS, so nothing needs a native build). Survives a restart; one writer
 * process per directory.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sqlite from 'node-sqlite3-wasm';
import { SqlStats } from '../../stats/sql-stats.ts';
import type { Row, SqlDriver, SqlValue } from '../../stats/sql.ts';
import type { StatsStore } from '../../stats/types.ts';

type Database = InstanceType<typeof sqlite.Database>;
type Statement = ReturnType<Database['prepare']>;

/** A driver over one node-sqlite3-wasm database, with its statements prepared once. */
function wasmSql(db: Database): SqlDriver & { close(): void } {
  const cache = new Map<string, Statement>();
  return {
    all(sql, params: readonly SqlValue[] = []) {
      let st = cache.get(sql);
      if (!st) cache.set(sql, (st = db.prepare(sql)));
      return st.all(params as SqlValue[]) as Row[];
    },
    transaction(fn) {
      db.exec('BEGIN IMMEDIATE');
      try {
        const out = fn();
        db.exec('COMMIT');
        return out;
      } catch (err) {
        db.exec('ROLLBACK');
        throw err;
      }
    },
    close() {
      for (const st of cache.values()) st.finalize();
      db.close();
    },
  };
}

/** A file name for a site id (slugs pass as they are; anything else is encoded). */
const fileFor = (site: string): string => `${encodeURIComponent(site).replace(/[%.]/g, '_')}.sqlite`;

/** Opens (lazily, per site) the stats databases under `dir`, creating it if needed. */
export function nodeStatsStore(dir: string): StatsStore {
  mkdirSync(dir, { recursive: true });
  const open = new Map<string, { stats: SqlStats; close(): void }>();
  const statsFor = (site: string): SqlStats => {
    let s = open.get(site);
    if (!s) {
      const db = new sqlite.Database(join(dir, fileFor(site)));
      // A rollback journal, truncated rather than deleted: a little faster, just as safe.
      db.exec('PRAGMA journal_mode = TRUNCATE');
      const driver = wasmSql(db);
      s = { stats: new SqlStats(driver), close: () => driver.close() };
      open.set(site, s);
    }
    return s.stats;
  };
  return {
    ingest: async (batch) => statsFor(batch.site).ingest(batch),
    snapshot: async (site) => statsFor(site).snapshot(),
    forget: async (caller) => statsFor(caller.site).forget(caller),
    async close() {
      for (const s of open.values()) s.close();
      open.clear();
    },
  };
}
