import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KairosEvent } from '../../src/protocol/index.ts';
import type { IngestBatch, StatsSnapshot, StatsStore } from '../../src/stats/types.ts';
import { sketchQuantile } from '../../src/stats/sketch.ts';
import { MAX_ARMS } from '../../src/stats/sql-stats.ts';

/** A stats backend the shared suite can open (and re-open on the same directory: a restart). */
export interface StoreHarness {
  name: string;
  open(dir: string): Promise<StatsStore>;
}

const T0 = Date.parse('2026-11-23T10:00:00Z');
const MIN = 60_000;
let seq = 0;

/** An event with a fresh id. */
export function ev(type: KairosEvent['type'], at: number, extra: Partial<KairosEvent> = {}): KairosEvent {
  return { id: `e${++seq}`, type, at, consent: 'analytics', ...extra };
}
const exposure = (reason: string, at: number, extra: Partial<KairosEvent> = {}): KairosEvent =>
  ev('exposure', at, { slot: reason.split(':')[0]!, reason, ...extra });
const conversion = (goal: string, at: number, value?: number): KairosEvent => ev('conversion', at, { goal, ...(value !== undefined ? { value } : {}) });

const arm = (s: StatsSnapshot, id: string) => s.arms.find((a) => a.arm === id);
const goal = (s: StatsSnapshot, id: string, g: string) => s.goals.find((x) => x.arm === id && x.goal === g);

/**
 * One storage suite for every backend: counting, dedupe, attribution, sketches,
 * atomicity, rate limiting and restarts. Each test writes to its own site.
 */
export function storeSuite(h: StoreHarness): void {
  describe(`stats store: ${h.name}`, () => {
    let dir: string;
    let store: StatsStore;
    let site = 0;
    const nextSite = (): string => `site-${++site}`;
    const batch = (s: string, visitor: string, events: KairosEvent[], now = T0 + 60 * MIN, more: Partial<IngestBatch> = {}): IngestBatch => ({
      site: s, visitor, events, now, ...more,
    });

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'kairos-stats-'));
      store = await h.open(dir);
    }, 60_000);
    afterAll(async () => {
      await store?.close?.();
      rmSync(dir, { recursive: true, force: true });
    });

    it('counts exposures, unique visitors per arm and per slot', async () => {
      const s = nextSite();
      await store.ingest(batch(s, 'v1', [exposure('hero:r1:a', T0), exposure('hero:r1:a', T0 + MIN), exposure('promo:-:no-match', T0)]));
      await store.ingest(batch(s, 'v2', [exposure('hero:r1:a', T0), exposure('hero:-:no-match', T0 + MIN)]));
      await store.ingest(batch(s, 'v3', [exposure('hero:-:holdout', T0)]));
      // A timeout says nothing of the holdout draw: not a visitor of the slot's split.
      await store.ingest(batch(s, 'v4', [exposure('hero:-:timeout', T0)]));
      const snap = await store.snapshot(s);
      expect(arm(snap, 'hero:r1:a')).toMatchObject({ slot: 'hero', rule: 'r1', variant: 'a', exposures: 3, visitors: 2, timeouts: 0 });
      expect(arm(snap, 'hero:-:holdout')).toMatchObject({ rule: '-', variant: 'holdout', exposures: 1, visitors: 1 });
      expect(snap.slots).toEqual([{ slot: 'hero', visitors: 3 }, { slot: 'promo', visitors: 1 }]);
      expect(arm(snap, 'hero:-:timeout')).toMatchObject({ visitors: 1, exposures: 1 });
      expect((await store.snapshot(nextSite())).arms).toEqual([]);
    });

    it('counts bandit arms per segment: the first exposure\'s segment, conversions in it, never a holdout', async () => {
      const s = nextSite();
      const day = Math.floor(T0 / 86_400_000);
      // The conversion comes first on the wire: it is attributed once the exposure arrives.
      await store.ingest(batch(s, 'v1', [conversion('buy', T0 + MIN), exposure('hero:r1:a', T0, { segment: 'mobile|evening|search' })]));
      await store.ingest(batch(s, 'v1', [exposure('hero:r1:a', T0 + 2 * MIN, { segment: 'desktop|evening|search' })]));
      await store.ingest(batch(s, 'v2', [exposure('hero:r1:a', T0, { segment: 'desktop|evening|search' })]));
      await store.ingest(batch(s, 'v3', [exposure('hero:-:holdout', T0, { rule: 'r1', segment: 'mobile|evening|search' }), conversion('buy', T0 + MIN)]));
      const snap = await store.snapshot(s);
      expect(snap.segmentDays).toEqual([
        { arm: 'hero:r1:a', segment: 'desktop|evening|search', day, visitors: 1 },
        { arm: 'hero:r1:a', segment: 'mobile|evening|search', day, visitors: 1 },
      ]);
      expect(snap.segmentGoalDays).toEqual([{ arm: 'hero:r1:a', goal: 'buy', segment: 'mobile|evening|search', day, converters: 1 }]);
      expect(await store.forget({ site: s, visitor: 'v1', now: T0 + 60 * MIN })).toMatchObject({ ok: true });
      expect((await store.snapshot(s)).segmentDays).toHaveLength(2);
    });

    it('drops duplicate event ids: a re-sent batch counts nothing twice', async () => {
      const s = nextSite();
      const b = batch(s, 'v1', [exposure('hero:r1:a', T0), conversion('buy', T0 + MIN, 20), conversion('buy', T0 + 2 * MIN, 5)]);
      expect(await store.ingest(b)).toEqual({ ok: true, accepted: 3, duplicates: 0, stale: 0, capped: 0 });
      const first = await store.snapshot(s);
      expect(await store.ingest(b)).toEqual({ ok: true, accepted: 0, duplicates: 3, stale: 0, capped: 0 });
      const dup = b.events[1]!;
      expect(await store.ingest(batch(s, 'v1', [dup, { ...dup }]))).toMatchObject({ accepted: 0, duplicates: 2 });
      expect(await store.snapshot(s)).toEqual(first);
      expect(goal(first, 'hero:r1:a', 'buy')).toEqual({ arm: 'hero:r1:a', goal: 'buy', converters: 1, conversions: 2, value: 25 });
    });

    it('attributes a conversion to what the visitor saw before it, in any arrival order', async () => {
      const s = nextSite();
      // v1: exposed, then converts → counts.
      await store.ingest(batch(s, 'v1', [conversion('buy', T0 + 2 * MIN, 10), exposure('hero:r1:a', T0)]));
      // v2: converts, never exposed to the slot → counts for no arm.
      await store.ingest(batch(s, 'v2', [conversion('buy', T0)]));
      // v3: converts before its first exposure → does not count.
      await store.ingest(batch(s, 'v3', [exposure('hero:r1:a', T0 + 5 * MIN), conversion('buy', T0 + MIN)]));
      // v4: the conversion arrives first, its earlier exposure in a later batch → counts.
      await store.ingest(batch(s, 'v4', [conversion('buy', T0 + 3 * MIN, 7)]));
      await store.ingest(batch(s, 'v4', [exposure('hero:r1:a', T0 + MIN)]));
      // v5: exposed late first, then an earlier exposure arrives: the conversion between them now counts.
      await store.ingest(batch(s, 'v5', [exposure('hero:r1:a', T0 + 10 * MIN), conversion('buy', T0 + 5 * MIN, 1)]));
      expect(goal(await store.snapshot(s), 'hero:r1:a', 'buy')?.converters).toBe(2);
      await store.ingest(batch(s, 'v5', [exposure('hero:r1:a', T0)]));
      const snap = await store.snapshot(s);
      expect(goal(snap, 'hero:r1:a', 'buy')).toEqual({ arm: 'hero:r1:a', goal: 'buy', converters: 3, conversions: 3, value: 18 });
      expect(arm(snap, 'hero:r1:a')).toMatchObject({ visitors: 4, exposures: 5 });
      expect(snap.goals.filter((g) => g.goal === 'buy')).toHaveLength(1);
    });

    it('keeps unique visitors and converters per UTC day', async () => {
      const s = nextSite();
      const day = Math.floor(T0 / 86_400_000);
      await store.ingest(batch(s, 'v1', [exposure('hero:r1:a', T0 - 86_400_000), conversion('buy', T0)], T0 + MIN));
      await store.ingest(batch(s, 'v2', [exposure('hero:r1:a', T0), exposure('hero:r1:a', T0 + MIN), conversion('buy', T0 + 2 * MIN)], T0 + MIN));
      const snap = await store.snapshot(s);
      expect(snap.days).toEqual([{ arm: 'hero:r1:a', day: day - 1, visitors: 1 }, { arm: 'hero:r1:a', day, visitors: 1 }]);
      expect(snap.goalDays).toEqual([{ arm: 'hero:r1:a', goal: 'buy', day, converters: 2 }]);
    });

    it('sketches web vitals per decision on the page, without keeping samples', async () => {
      const s = nextSite();
      const lcp = Array.from({ length: 200 }, (_, i) => 1000 + i * 10);
      const events = lcp.map((v, i) => ev('vital', T0 + i, { metric: 'LCP', value: v, decisions: ['hero:r1:a', 'promo:-:no-match', 'junk'] }));
      await store.ingest(batch(s, 'v1', events.slice(0, 100)));
      await store.ingest(batch(s, 'v2', [...events.slice(100), ev('vital', T0, { metric: 'CLS', value: 0, decisions: ['hero:r1:a'] })]));
      const snap = await store.snapshot(s);
      const v = snap.vitals.find((x) => x.arm === 'hero:r1:a' && x.metric === 'LCP')!;
      expect(v.bins.length).toBeLessThan(100);
      const exact = lcp[Math.floor(0.75 * 199)]!;
      expect(Math.abs(sketchQuantile(v.bins, 0.75)! - exact) / exact).toBeLessThanOrEqual(0.01);
      expect(snap.vitals.find((x) => x.arm === 'hero:r1:a' && x.metric === 'CLS')!.bins).toEqual([[-(2 ** 31), 1]]);
      expect(snap.vitals.map((x) => x.arm)).not.toContain('junk');
    });

    it('counts timeouts per slot', async () => {
      const s = nextSite();
      await store.ingest(batch(s, 'v1', [ev('timeout', T0, { slot: 'hero', reason: 'hero:-:timeout' }), ev('timeout', T0, { slot: 'hero' })]));
      expect(arm(await store.snapshot(s), 'hero:-:timeout')).toMatchObject({ timeouts: 2, exposures: 0, visitors: 0 });
    });

    it('feeds a rule’s counterfactual holdout when a holdout exposure names the rule', async () => {
      const s = nextSite();
      await store.ingest(batch(s, 'v1', [exposure('hero:-:holdout', T0, { rule: 'r1' }), conversion('buy', T0 + MIN)]));
      const snap = await store.snapshot(s);
      expect(arm(snap, 'hero:r1:-holdout')).toMatchObject({ rule: 'r1', variant: '-holdout', visitors: 1 });
      expect(goal(snap, 'hero:r1:-holdout', 'buy')?.converters).toBe(1);
      expect(snap.slots).toEqual([{ slot: 'hero', visitors: 1 }]);
    });

    it('writes a batch all or nothing', async () => {
      const s = nextSite();
      const good = [exposure('hero:r1:a', T0), conversion('buy', T0 + MIN)];
      await expect(store.ingest(batch(s, 'v1', [...good, ev('exposure', T0 + 2 * MIN, { slot: 'hero' })]))).rejects.toThrow(/reason/);
      expect(await store.snapshot(s)).toEqual({ arms: [], goals: [], days: [], goalDays: [], vitals: [], slots: [], segmentDays: [], segmentGoalDays: [] });
      // Nothing half-written: not even the ids, so the good events still count when re-sent.
      expect(await store.ingest(batch(s, 'v1', good))).toMatchObject({ accepted: 2 });
    });

    it('takes batches sent at once one transaction each: a re-sent batch counts once, a bad one spoils only itself', async () => {
      const s = nextSite();
      const good = [exposure('hero:r1:a', T0), conversion('buy', T0 + MIN, 2)];
      const bad = [exposure('hero:r1:b', T0), ev('exposure', T0 + MIN, { slot: 'hero' })];
      const calls = [
        ...Array.from({ length: 4 }, () => store.ingest(batch(s, 'v1', good))),
        store.ingest(batch(s, 'v2', bad)),
        store.ingest(batch(s, 'v3', [exposure('hero:r1:a', T0)])),
      ];
      const results = await Promise.allSettled(calls);
      const taken = results.flatMap((r) => (r.status === 'fulfilled' && r.value.ok ? [r.value] : []));
      expect(taken.map((r) => r.accepted).sort()).toEqual([0, 0, 0, 1, 2]);
      expect(results[4]!.status).toBe('rejected');
      const snap = await store.snapshot(s);
      expect(arm(snap, 'hero:r1:a')).toMatchObject({ exposures: 2, visitors: 2 });
      expect(arm(snap, 'hero:r1:b')).toBeUndefined();
      expect(goal(snap, 'hero:r1:a', 'buy')).toMatchObject({ converters: 1, conversions: 1, value: 2 });
    });

    it('refuses events older than the dedupe window or from the far future', async () => {
      const s = nextSite();
      const now = T0 + 60 * MIN;
      const r = await store.ingest(batch(s, 'v1', [exposure('hero:r1:a', now - 8 * 86_400_000), exposure('hero:r1:a', now + 2 * 86_400_000), exposure('hero:r1:a', now)], now));
      expect(r).toEqual({ ok: true, accepted: 1, duplicates: 0, stale: 2, capped: 0 });
    });

    it('rate-limits each visitor with a token bucket, writing nothing when refused', async () => {
      const s = nextSite();
      const limit = { burst: 5, perSecond: 1 };
      const four = (): KairosEvent[] => Array.from({ length: 4 }, (_, i) => exposure('hero:r1:a', T0 + i));
      expect(await store.ingest(batch(s, 'v1', four(), T0, { limit }))).toMatchObject({ ok: true, accepted: 4 });
      expect(await store.ingest(batch(s, 'v1', four(), T0 + 1000, { limit }))).toEqual({ ok: false, retryAfter: 2 });
      expect(await store.ingest(batch(s, 'v2', four(), T0 + 1000, { limit }))).toMatchObject({ ok: true });
      expect(arm(await store.snapshot(s), 'hero:r1:a')).toMatchObject({ exposures: 8 });
      expect(await store.ingest(batch(s, 'v1', four(), T0 + 3000, { limit }))).toMatchObject({ ok: true, accepted: 4 });
    });

    it('counts one exposure per decision token, whatever the event ids', async () => {
      const s = nextSite();
      const r = await store.ingest(batch(s, 'v1', [exposure('hero:r1:a', T0, { token: 't1' }), exposure('hero:r1:a', T0 + 1, { token: 't1' }), exposure('hero:r1:a', T0 + 2, { token: 't2' })]));
      expect(r).toMatchObject({ accepted: 2, duplicates: 1 });
      expect(arm(await store.snapshot(s), 'hero:r1:a')).toMatchObject({ exposures: 2, visitors: 1 });
    });

    it('rate-limits a client address across visitors, taking nothing from a visitor it refuses', async () => {
      const s = nextSite();
      const more = { limit: { burst: 10, perSecond: 1 }, client: 'c1', clientLimit: { burst: 6, perSecond: 1 } };
      const four = (): KairosEvent[] => Array.from({ length: 4 }, (_, i) => exposure('hero:r1:a', T0 + i));
      expect(await store.ingest(batch(s, 'v1', four(), T0, more))).toMatchObject({ ok: true });
      expect(await store.ingest(batch(s, 'v2', four(), T0, more))).toEqual({ ok: false, retryAfter: 2 });
      expect(await store.ingest(batch(s, 'v2', four(), T0, { ...more, client: 'c2' }))).toMatchObject({ ok: true });
    });

    it(`keeps at most MAX_ARMS (${MAX_ARMS}) arms per site`, async () => {
      const s = nextSite();
      const all = Array.from({ length: MAX_ARMS + 10 }, (_, i) => exposure(`s${i}:r:v`, T0));
      let capped = 0;
      for (let i = 0; i < all.length; i += 200) {
        const r = await store.ingest(batch(s, 'v1', all.slice(i, i + 200)));
        if (r.ok) capped += r.capped;
      }
      expect(capped).toBe(10);
      const snap = await store.snapshot(s);
      expect(snap.arms).toHaveLength(MAX_ARMS);
      // An arm it already has still counts.
      expect(await store.ingest(batch(s, 'v2', [exposure('s0:r:v', T0), exposure('s9999:r:v', T0)]))).toMatchObject({ accepted: 1, capped: 1 });
    }, 60_000);

    it('forgets a visitor: its rows go, the aggregates stay, and it counts as new when it comes back', async () => {
      const s = nextSite();
      await store.ingest(batch(s, 'v1', [exposure('hero:r1:a', T0), conversion('buy', T0 + MIN, 5)]));
      const before = await store.snapshot(s);
      const r = await store.forget({ site: s, visitor: 'v1', now: T0 + 60 * MIN });
      expect(r).toMatchObject({ ok: true });
      expect(r.ok && r.deleted).toBeGreaterThanOrEqual(5);
      expect(await store.snapshot(s)).toEqual(before);
      expect(await store.forget({ site: s, visitor: 'v1', now: T0 + 60 * MIN })).toEqual({ ok: true, deleted: 0 });
      await store.ingest(batch(s, 'v1', [exposure('hero:r1:a', T0 + 2 * MIN)]));
      expect(arm(await store.snapshot(s), 'hero:r1:a')).toMatchObject({ visitors: 2 });
    });

    it('deletes visitor rows after the retention period', async () => {
      const s = nextSite();
      const later = T0 + 31 * 86_400_000;
      await store.ingest(batch(s, 'v1', [exposure('hero:r1:a', T0)], T0 + MIN, { retentionDays: 30 }));
      // Within the period the visitor is remembered: not a new unique visitor.
      await store.ingest(batch(s, 'v1', [exposure('hero:r1:a', T0 + 29 * 86_400_000)], T0 + 29 * 86_400_000 + MIN, { retentionDays: 30 }));
      expect(arm(await store.snapshot(s), 'hero:r1:a')).toMatchObject({ visitors: 1, exposures: 2 });
      // Past it, its rows are gone (cleanup runs with the next batch), so it counts again.
      await store.ingest(batch(s, 'v2', [exposure('hero:r1:a', later)], later, { retentionDays: 30 }));
      await store.ingest(batch(s, 'v1', [exposure('hero:r1:a', later + MIN)], later + MIN, { retentionDays: 30 }));
      expect(arm(await store.snapshot(s), 'hero:r1:a')).toMatchObject({ visitors: 3, exposures: 4 });
      // Left: the two recent event ids, and the visitor's new arm and slot rows.
      expect(await store.forget({ site: s, visitor: 'v1', now: later })).toEqual({ ok: true, deleted: 4 });
    });

    it('loses nothing across a restart, and still knows the ids it has seen', async () => {
      const s = nextSite();
      const b = batch(s, 'v1', [exposure('hero:r1:a', T0), conversion('buy', T0 + MIN, 3), ev('vital', T0, { metric: 'INP', value: 120, decisions: ['hero:r1:a'] })]);
      await store.ingest(b);
      const before = await store.snapshot(s);
      await store.close?.();
      store = await h.open(dir);
      expect(await store.snapshot(s)).toEqual(before);
      expect(await store.ingest(b)).toMatchObject({ accepted: 0, duplicates: 3 });
      await store.ingest(batch(s, 'v2', [exposure('hero:r1:a', T0)]));
      expect(arm(await store.snapshot(s), 'hero:r1:a')).toMatchObject({ visitors: 2 });
    }, 60_000);
  });
}
