/**
 * The stats thread's entry (a worker_threads module, bundled to dist/stats-thread.mjs):
 * the SQLite store of nodeStatsStore, answering the calls of threadedStatsStore one
 * at a time, in the order they came.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { StatsInputError } from '../../stats/sql-stats.ts';
import { nodeStatsStore } from './stats.ts';
import type { ThreadCall, ThreadReply } from './threaded-stats.ts';

const store = nodeStatsStore((workerData as { dir: string }).dir);
let queue: Promise<unknown> = Promise.resolve();

const run = ({ op, arg }: ThreadCall): Promise<unknown> => {
  switch (op) {
    case 'ingest':
      return store.ingest(arg as Parameters<typeof store.ingest>[0]);
    case 'snapshot':
      return store.snapshot(arg as string);
    case 'forget':
      return store.forget(arg as Parameters<typeof store.forget>[0]);
    case 'close':
      return store.close?.() ?? Promise.resolve();
  }
};

parentPort!.on('message', (c: ThreadCall) => {
  queue = queue.then(() => run(c)).then(
    (value) => parentPort!.postMessage({ id: c.id, value } satisfies ThreadReply),
    (err: unknown) =>
      parentPort!.postMessage({ id: c.id, error: err instanceof Error ? err.message : String(err), input: err instanceof StatsInputError } satisfies ThreadReply),
  );
});
