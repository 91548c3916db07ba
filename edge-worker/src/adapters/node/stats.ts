/**
 * The stats store on Node: the same SQL as the Durable Object, in one embedded
 * SQLite file per site (node-sqlite3-wasm: SQLite compiled to WebAssembly with a
 * file-backed VFS, so nothing needs a native build). Survives a restart; one writer
 * process per directory.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sqlite from 'node-sqlite3-wasm';
import type { Row, SqlDriver, SqlQuery, SqlValue } from '../../stats/sql.ts';
import { sqlStatsStore } from '../../stats/sql-store.ts';
import type { StatsStore } from '../../stats/types.ts';

type Database = InstanceType<typeof sqlite.Database>;
type Statement = ReturnType<Database['prepare']>;

/**
 * A driver over one node-sqlite3-wasm database, with its statements prepared once.
 * The database answers synchronously: a statement runs when it is called and its
 * promise is already settled, so a batch blocks the event loop as long as it did with a
 * synchronous driver, and no longer.
 */
export function wasmSql(db: Database): SqlDriver {
  const cache = new Map<string, Statement>();
  const conn: SqlQuery = {
    async query(sql, params: readonly SqlValue[] = []) {
      let st = cache.get(sql);
      if (!st) cache.set(sql, (st = db.prepare(sql)));
      return st.all(params as SqlValue[]) as Row[];
    },
  };
  return {
    ...conn,
    async transaction(fn) {
      db.exec('BEGIN IMMEDIATE');
      try {
        const out = await fn(conn);
        db.exec('COMMIT');
        return out;
      } catch (err) {
        db.exec('ROLLBACK');
        throw err;
      }
    },
    async close() {
      for (const st of cache.values()) st.finalize();
      db.close();
    },
  };
}

/** A file name for a site id (slugs pass as they are; anything else is encoded). */
const fileFor = (site: string): string => `${encodeURIComponent(site).replace(/[%.]/g, '_')}.sqlite`;

/** Opens `file` (creating it) as a node-sqlite3-wasm database for the stats. */
export function openSqliteFile(file: string): SqlDriver {
  const db = new sqlite.Database(file);
  // A rollback journal, truncated rather than deleted: a little faster, just as safe.
  db.exec('PRAGMA journal_mode = TRUNCATE');
  return wasmSql(db);
}

/** Opens (lazily, per site) the stats databases under `dir`, creating it if needed. */
export function nodeStatsStore(dir: string): StatsStore {
  mkdirSync(dir, { recursive: true });
  return sqlStatsStore((site) => openSqliteFile(join(dir, fileFor(site))));
}
