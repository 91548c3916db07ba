import type { Caller, ForgetResult, IngestBatch, IngestResult, StatsSnapshot, StatsStore } from '../../stats/types.ts';

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
  const post = async <T>(site: string, path: string, body: unknown): Promise<T> =>
    read<T>(await stub(site).fetch(`https://stats${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }));
  return {
    ingest: (batch: IngestBatch) => post<IngestResult>(batch.site, '/ingest', batch),
    forget: (caller: Caller) => post<ForgetResult>(caller.site, '/forget', caller),
    async snapshot(site: string): Promise<StatsSnapshot> {
      return read<StatsSnapshot>(await stub(site).fetch('https://stats/snapshot'));
    },
  };
}
