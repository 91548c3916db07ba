// A third SqlDriver, for the shared store suite: SQLite again, but every statement
// answers on a later turn of the event loop, as a database over a socket (Postgres, D1)
// would, so other calls can run while a transaction is open. It refuses what a single
// connection can't do: a second transaction while one is open, or a statement from
// outside the open transaction.
import sqlite from 'node-sqlite3-wasm';
import type { Row, SqlDriver, SqlQuery, SqlValue } from '../../src/stats/sql.ts';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Opens `file` through the deferred driver; `statements` counts what it ran. */
export function deferredSql(file: string): SqlDriver & { statements: number } {
  const db = new sqlite.Database(file);
  let open: SqlQuery | null = null;
  const run = async (from: SqlQuery | null, sql: string, params: readonly SqlValue[] = []): Promise<Row[]> => {
    await nextTurn();
    if (open !== from) throw new Error(`deferred driver: "${sql.slice(0, 40)}…" ran outside the open transaction`);
    driver.statements++;
    return db.all(sql, params as SqlValue[]) as Row[];
  };
  const driver = {
    statements: 0,
    query: (sql: string, params?: readonly SqlValue[]) => run(null, sql, params),
    async transaction<T>(fn: (tx: SqlQuery) => Promise<T>): Promise<T> {
      if (open) throw new Error('deferred driver: a transaction began while another was open');
      const tx: SqlQuery = { query: (sql, params) => run(tx, sql, params) };
      open = tx;
      db.exec('BEGIN');
      try {
        const out = await fn(tx);
        await nextTurn();
        db.exec('COMMIT');
        return out;
      } catch (err) {
        db.exec('ROLLBACK');
        throw err;
      } finally {
        open = null;
      }
    },
    async close() {
      db.close();
    },
  };
  return driver;
}
