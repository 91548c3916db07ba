/**
 * The Node stats store in a thread of its own. SQLite on Node (node-sqlite3-wasm)
 * writes and syncs its files synchronously: one events batch waits for an fsync, which
 * on a busy disk takes tens of milliseconds, and in the request thread every request
 * (decide included) waited with it. Here only the store's own callers wait.
 */
import { Worker } from 'node:worker_threads';
import { StatsInputError } from '../../stats/sql-stats.ts';
import type { StatsStore } from '../../stats/types.ts';

/** A call to the stats thread (stats-thread.ts answers each with a {@link ThreadReply}). */
export interface ThreadCall {
  id: number;
  op: 'ingest' | 'snapshot' | 'forget' | 'close';
  arg?: unknown;
}

/** The stats thread's answer to one call: its value, or the message of what it threw. */
export interface ThreadReply {
  id: number;
  value?: unknown;
  error?: string;
  /** The error was the caller's (a StatsInputError: a 400, not a store failure). */
  input?: boolean;
}

interface Waiting {
  ok(value: unknown): void;
  fail(err: Error): void;
}

/**
 * A {@link StatsStore} whose SQLite files live in a worker thread started from `entry`
 * (the bundled `stats-thread.mjs`). A thread that dies fails the calls it had, and the
 * next call starts a new one on the same files.
 *
 * @param dir Where the SQLite files are (as for nodeStatsStore).
 * @param entry The worker's module: `new URL('./stats-thread.mjs', import.meta.url)` beside the server bundle.
 */
export function threadedStatsStore(dir: string, entry: URL): StatsStore {
  const waiting = new Map<number, Waiting>();
  let next = 0;
  let worker: Worker | undefined;

  const start = (): Worker => {
    const w = new Worker(entry, { workerData: { dir } });
    // The server's close() ends it; a process that exits without closing is not held open by it.
    w.unref();
    w.on('message', (r: ThreadReply) => {
      const p = waiting.get(r.id);
      waiting.delete(r.id);
      if (r.error === undefined) p?.ok(r.value);
      else p?.fail(r.input ? new StatsInputError(r.error) : new Error(r.error));
    });
    const lost = (err: Error): void => {
      if (worker === w) worker = undefined;
      for (const p of waiting.values()) p.fail(err);
      waiting.clear();
    };
    w.on('error', lost);
    w.on('exit', (code) => lost(new Error(`the stats thread stopped (exit code ${code})`)));
    return w;
  };

  const call = <T>(op: ThreadCall['op'], arg?: unknown): Promise<T> =>
    new Promise<T>((ok, fail) => {
      const id = ++next;
      waiting.set(id, { ok: ok as (v: unknown) => void, fail });
      (worker ??= start()).postMessage({ id, op, arg } satisfies ThreadCall);
    });

  return {
    ingest: (batch) => call('ingest', batch),
    snapshot: (site) => call('snapshot', site),
    forget: (caller) => call('forget', caller),
    async close() {
      const w = worker;
      if (!w) return;
      await call('close');
      worker = undefined;
      await w.terminate();
    },
  };
}
