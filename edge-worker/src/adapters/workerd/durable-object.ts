/**
 * The production store: one SQLite-backed Durable Object per site holds its
 * aggregates (bound as `STATS`, class `KairosStats`, in wrangler.jsonc). Each
 * batch runs in one storage transaction, so it lands whole or not at all; a site's
 * writes are serialised by the object, and sites scale out as separate objects.
 */
import { SqlStats, StatsInputError } from '../../stats/sql-stats.ts';
import type { Row, SqlDriver, SqlQuery, SqlValue } from '../../stats/sql.ts';
import type { Caller, IngestBatch } from '../../stats/types.ts';

/** The part of `DurableObjectState` the stats use (typed here so shared code needs no Workers types). */
export interface StatsObjectState {
  storage: {
    sql: { exec(query: string, ...bindings: SqlValue[]): { toArray(): Row[] } };
    transaction<T>(fn: () => Promise<T>): Promise<T>;
  };
}

/**
 * A driver over a Durable Object's SQLite storage. Its statements run synchronously, in
 * the object, so a transaction's awaits never wait for I/O; `storage.transaction` (SQL
 * has no BEGIN there) rolls back every write when the callback rejects.
 */
export function durableObjectSql(state: StatsObjectState): SqlDriver {
  const { sql } = state.storage;
  const conn: SqlQuery = { query: async (query, params = []) => sql.exec(query, ...params).toArray() };
  return { ...conn, transaction: (fn) => state.storage.transaction(() => fn(conn)) };
}

const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The Durable Object class: `POST /ingest` (an IngestBatch), `POST /forget` (a Caller) and `GET /snapshot`. */
export class KairosStats {
  readonly #stats: SqlStats;

  constructor(state: StatsObjectState, _env?: unknown) {
    this.#stats = new SqlStats(durableObjectSql(state));
  }

  async fetch(req: Request): Promise<Response> {
    const path = new URL(req.url).pathname;
    try {
      if (req.method === 'POST' && path === '/ingest') return json(await this.#stats.ingest((await req.json()) as IngestBatch));
      if (req.method === 'POST' && path === '/forget') return json(await this.#stats.forget((await req.json()) as Caller));
      if (req.method === 'GET' && path === '/snapshot') return json(await this.#stats.snapshot());
      return json({ error: `no ${req.method} ${path} on the stats object` }, 404);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return json({ error: message }, err instanceof StatsInputError ? 422 : 500);
    }
  }
}
