import type { IngestBatch, IngestResult, StatsSnapshot, StatsStore } from '../../stats/types.ts';

/** The part of a `DurableObjectNamespace` the store uses. */
export interface StatsNamespace {
  idFromName(name: string): unknown;
  get(id: never): { fetch(input: string, init?: RequestInit): Promise<Response> };
}

/** Thrown when the stats object refuses or fails a call. */
export class StatsStoreError extends Error {
  override name = 'StatsStoreError';
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function read<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => ({ error: `stats object answered ${res.status}` }))) as T & { error?: string };
  if (!res.ok) throw new StatsStoreError(res.status, body.error ?? `stats object answered ${res.status}`);
  return body;
}

/** The store on Workers: each site's aggregates in its own Durable Object (`idFromName(site)`). */
export function durableObjectStats(ns: StatsNamespace): StatsStore {
  const stub = (site: string) => ns.get(ns.idFromName(site) as never);
  return {
    async ingest(batch: IngestBatch): Promise<IngestResult> {
      const res = await stub(batch.site).fetch('https://stats/ingest', {
        method: 'POST', body: JSON.stringify(batch), headers: { 'content-type': 'application/json' },
      });
      return read<IngestResult>(res);
    },
    async snapshot(site: string): Promise<StatsSnapshot> {
      return read<StatsSnapshot>(await stub(site).fetch('https://stats/snapshot'));
    },
  };
}
