/**
 * The SQL the stats store runs (sql-stats.ts), and the driver interface it runs it
 * through. Implemented today over SQLite: a Durable Object's `ctx.storage.sql` on Workers
 * (adapters/workerd/durable-object.ts), node-sqlite3-wasm on Node (adapters/node/stats.ts).
 * The interface is asynchronous so that a database reached over the network (Postgres,
 * D1 behind a Durable Object) can implement it too.
 */

export type SqlValue = string | number | null;
export type Row = Record<string, SqlValue>;

/** Runs statements: a connection, or one transaction on it. */
export interface SqlQuery {
  /** Runs one statement with `?` parameters; its rows (empty for writes without RETURNING). */
  query(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
}

/**
 * A database the stats can use. The statements are SQLite's (`WITHOUT ROWID` tables,
 * `?` parameters, `ON CONFLICT … RETURNING`); another database translates what it must.
 */
export interface SqlDriver extends SqlQuery {
  /**
   * Runs `fn` in one transaction, its statements through `tx`: every write lands, or (`fn`
   * rejects) none does. The stats never nest transactions and run one at a time per
   * driver (SqlStats queues them), so a driver needs no locking of its own.
   */
  transaction<T>(fn: (tx: SqlQuery) => Promise<T>): Promise<T>;
  /** Releases the connection. */
  close?(): Promise<void>;
}

/**
 * Tables keyed by visitor. `visitor` is always the keyed hash of the visitor id (never
 * the id), and `recv` the server time the row was written: rows older than the site's
 * retention are deleted, and `forget` deletes a visitor's rows from each of them.
 */
export const VISITOR_TABLES = ['seen', 'arm_visitor', 'slot_visitor', 'conversion', 'arm_goal_visitor', 'segment_visitor'] as const;

/** Version 2: visitor ids are keyed hashes, and every visitor row has its `recv`. Version 3 adds the bandit's segment tables. */
const SCHEMA_VERSION = 3;

/**
 * The schema, one statement per entry. Counters are the aggregates the report reads;
 * `arm_visitor`, `slot_visitor` and `arm_goal_visitor` are the exact unique sets
 * behind them (and `arm_visitor` is what attributes a conversion to what the visitor
 * saw before); `seen` and `conversion` are short-lived (dedupe and late exposures).
 */
const SCHEMA: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS seen (visitor TEXT NOT NULL, id TEXT NOT NULL, recv INTEGER NOT NULL, PRIMARY KEY (visitor, id)) WITHOUT ROWID`,
  `CREATE INDEX IF NOT EXISTS seen_recv ON seen (recv)`,
  `CREATE TABLE IF NOT EXISTS arm (arm TEXT PRIMARY KEY, slot TEXT NOT NULL, rule TEXT NOT NULL, variant TEXT NOT NULL,
     exposures INTEGER NOT NULL DEFAULT 0, visitors INTEGER NOT NULL DEFAULT 0, timeouts INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS arm_visitor (visitor TEXT NOT NULL, arm TEXT NOT NULL, first_at INTEGER NOT NULL, recv INTEGER NOT NULL,
     PRIMARY KEY (visitor, arm)) WITHOUT ROWID`,
  `CREATE INDEX IF NOT EXISTS arm_visitor_recv ON arm_visitor (recv)`,
  `CREATE TABLE IF NOT EXISTS slot (slot TEXT PRIMARY KEY, visitors INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS slot_visitor (slot TEXT NOT NULL, visitor TEXT NOT NULL, recv INTEGER NOT NULL, PRIMARY KEY (slot, visitor)) WITHOUT ROWID`,
  `CREATE INDEX IF NOT EXISTS slot_visitor_visitor ON slot_visitor (visitor)`,
  `CREATE INDEX IF NOT EXISTS slot_visitor_recv ON slot_visitor (recv)`,
  `CREATE TABLE IF NOT EXISTS arm_day (arm TEXT NOT NULL, day INTEGER NOT NULL, visitors INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (arm, day)) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS conversion (visitor TEXT NOT NULL, id TEXT NOT NULL, goal TEXT NOT NULL, at INTEGER NOT NULL, value REAL NOT NULL,
     recv INTEGER NOT NULL, PRIMARY KEY (visitor, id)) WITHOUT ROWID`,
  `CREATE INDEX IF NOT EXISTS conversion_recv ON conversion (recv)`,
  `CREATE TABLE IF NOT EXISTS arm_goal (arm TEXT NOT NULL, goal TEXT NOT NULL, converters INTEGER NOT NULL DEFAULT 0,
     conversions INTEGER NOT NULL DEFAULT 0, value REAL NOT NULL DEFAULT 0, PRIMARY KEY (arm, goal)) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS arm_goal_visitor (arm TEXT NOT NULL, goal TEXT NOT NULL, visitor TEXT NOT NULL, recv INTEGER NOT NULL,
     PRIMARY KEY (arm, goal, visitor)) WITHOUT ROWID`,
  `CREATE INDEX IF NOT EXISTS arm_goal_visitor_visitor ON arm_goal_visitor (visitor)`,
  `CREATE INDEX IF NOT EXISTS arm_goal_visitor_recv ON arm_goal_visitor (recv)`,
  `CREATE TABLE IF NOT EXISTS arm_goal_day (arm TEXT NOT NULL, goal TEXT NOT NULL, day INTEGER NOT NULL, converters INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (arm, goal, day)) WITHOUT ROWID`,
  // The segment a visitor was first exposed to a bandit arm in, and the bandit's per-segment counters.
  `CREATE TABLE IF NOT EXISTS segment_visitor (visitor TEXT NOT NULL, arm TEXT NOT NULL, segment TEXT NOT NULL, recv INTEGER NOT NULL,
     PRIMARY KEY (visitor, arm)) WITHOUT ROWID`,
  `CREATE INDEX IF NOT EXISTS segment_visitor_recv ON segment_visitor (recv)`,
  `CREATE TABLE IF NOT EXISTS segment_day (arm TEXT NOT NULL, segment TEXT NOT NULL, day INTEGER NOT NULL, visitors INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (arm, segment, day)) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS segment_goal_day (arm TEXT NOT NULL, goal TEXT NOT NULL, segment TEXT NOT NULL, day INTEGER NOT NULL,
     converters INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (arm, goal, segment, day)) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS vital_bin (arm TEXT NOT NULL, metric TEXT NOT NULL, bin INTEGER NOT NULL, n INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (arm, metric, bin)) WITHOUT ROWID`,
];

/**
 * Creates the schema, or brings an older one up to date. Version 1 kept raw visitor
 * ids: its visitor tables are dropped (the aggregates stay), so no raw id survives an
 * upgrade; a visitor seen before it then counts once more as a unique visitor.
 */
export async function migrate(db: SqlDriver): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(SCHEMA[0]!);
    const version = Number((await tx.query(`SELECT value FROM meta WHERE key = 'schema'`))[0]?.value ?? 0);
    if (version < 2) for (const t of VISITOR_TABLES) await tx.query(`DROP TABLE IF EXISTS ${t}`);
    for (const s of SCHEMA) await tx.query(s);
    await tx.query(`INSERT INTO meta (key, value) VALUES ('schema', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [SCHEMA_VERSION]);
  });
}
