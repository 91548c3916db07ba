import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeStatsStore } from '../../src/adapters/node/stats.ts';
import { threadedStatsStore } from '../../src/adapters/node/threaded-stats.ts';
import { StatsInputError } from '../../src/stats/sql-stats.ts';
import type { IngestBatch, StatsStore } from '../../src/stats/types.ts';
import { ev } from './store-suite.ts';
import { statsThreadEntry } from './thread-entry.ts';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const limit = { burst: 1e9, perSecond: 1e9 };
const batch = (n: number, from = 0): IngestBatch => ({
  site: 'shop', visitor: 'v-1', now: NOW, limit,
  events: Array.from({ length: n }, (_, i) => ev('exposure', NOW - 1000, { id: `e-${from + i}`, slot: 'hero', reason: 'hero:r:a' })),
});

/** Whether `p` is still pending once the caller's thread has run a full turn of its event loop. */
async function pendingAfterATurn(p: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void p.then(() => (settled = true), () => (settled = true));
  await new Promise((ok) => setImmediate(ok));
  return !settled;
}

describe('the Node stats store in its own thread', () => {
  let dir: string;
  let store: StatsStore;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-thread-'));
    store = threadedStatsStore(dir, await statsThreadEntry());
  });
  afterAll(async () => {
    await store.close?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a batch while the caller goes on (the in-thread store finishes first)', async () => {
    const write = store.ingest(batch(500));
    expect(await pendingAfterATurn(write)).toBe(true);
    expect(await write).toMatchObject({ ok: true, accepted: 500 });
    const other = mkdtempSync(join(tmpdir(), 'kairos-thread-in-'));
    const inThread = nodeStatsStore(other);
    expect(await pendingAfterATurn(inThread.ingest(batch(500)))).toBe(false);
    await inThread.close?.();
    rmSync(other, { recursive: true, force: true });
  });

  it('keeps the order of calls: a snapshot after a write sees it', async () => {
    const before = (await store.snapshot('shop')).arms.reduce((s, a) => s + a.exposures, 0);
    void store.ingest(batch(3, 1000));
    const after = (await store.snapshot('shop')).arms.reduce((s, a) => s + a.exposures, 0);
    expect(after - before).toBe(3);
  });

  it('passes the caller\'s mistakes back as such (a 400, not a store failure)', async () => {
    const bad = { ...batch(1, 2000), events: [{ ...ev('exposure', NOW), id: 'x', reason: 'not-a-reason' }] };
    const err = await store.ingest(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StatsInputError);
    expect((err as Error).message).toContain('"reason" must be a reason id');
  });
});
