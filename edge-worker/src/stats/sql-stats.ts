import type { KairosEvent } from '../protocol/index.ts';
import { parseArm, ruleHoldoutArm } from './arms.ts';
import { RateLimiter } from './rate-limit.ts';
import { sketchKey } from './sketch.ts';
import { SCHEMA, type SqlDriver, type SqlValue } from './sql.ts';
import type { IngestBatch, IngestResult, Metric, StatsSnapshot } from './types.ts';

const DAY_MS = 86_400_000;
/** Event ids are remembered this long; older events are refused as stale, so a re-send never counts twice. */
export const DEDUPE_TTL_MS = 7 * DAY_MS;
/** Device clocks run ahead: events up to a day in the future are taken, and ids kept a day longer to match. */
const FUTURE_MS = DAY_MS;
const CLEANUP_EVERY_MS = 3_600_000;

/** A batch the store refuses as a whole (the route validates first, so this is a caller bug). */
export class StatsInputError extends Error {
  override name = 'StatsInputError';
}

const dayOf = (at: number): number => Math.floor(at / DAY_MS);

/**
 * Outcomes reached before the holdout is drawn (or without a decision at all): their
 * visitors stay out of the slot's visitor count, the base of the holdout-share check,
 * or timeouts alone would make a healthy holdout look short.
 */
const UNDECIDED = new Set(['timeout', 'error', 'unknown-slot']);

/**
 * The aggregation, written once for both SQLite backends: every batch in one
 * transaction, ids deduplicated, conversions attributed per visitor to what the
 * visitor was exposed to before converting (in whichever order the events arrive).
 */
export class SqlStats {
  readonly #db: SqlDriver;
  readonly #limiter = new RateLimiter();
  #cleaned = 0;

  constructor(db: SqlDriver) {
    this.#db = db;
    db.transaction(() => {
      for (const s of SCHEMA) db.all(s);
    });
  }

  ingest(batch: IngestBatch): IngestResult {
    if (batch.limit) {
      const wait = this.#limiter.take(batch.visitor, batch.events.length, batch.now, batch.limit);
      if (wait > 0) return { ok: false, retryAfter: wait };
    }
    const result = this.#db.transaction(() => this.#write(batch));
    if (batch.now - this.#cleaned > CLEANUP_EVERY_MS) this.#cleanup(batch.now);
    return result;
  }

  #one(sql: string, params: readonly SqlValue[]): boolean {
    return this.#db.all(sql, params).length > 0;
  }

  #write({ visitor, events, now }: IngestBatch): IngestResult {
    let accepted = 0;
    let duplicates = 0;
    let stale = 0;
    // Device order, so an exposure and the conversion after it attribute in one pass.
    const sorted = events.map((e, i) => [e, i] as const).sort((a, b) => a[0].at - b[0].at || a[1] - b[1]);
    for (const [e] of sorted) {
      if (e.at < now - DEDUPE_TTL_MS || e.at > now + FUTURE_MS) {
        stale++;
        continue;
      }
      if (!this.#one('INSERT INTO seen (visitor, id, recv) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1', [visitor, e.id, now])) {
        duplicates++;
        continue;
      }
      accepted++;
      if (e.type === 'exposure') this.#exposure(visitor, e);
      else if (e.type === 'conversion') this.#conversion(visitor, e, now);
      else if (e.type === 'vital') this.#vital(e);
      else if (e.type === 'timeout') this.#timeout(e);
      else throw new StatsInputError(`event ${e.id}: unknown type "${String(e.type)}"`);
    }
    return { ok: true, accepted, duplicates, stale };
  }

  #exposure(visitor: string, e: KairosEvent): void {
    const arm = e.reason !== undefined ? parseArm(e.reason) : undefined;
    if (!arm) throw new StatsInputError(`exposure ${e.id}: "reason" must be a reason id (slot:rule:variant)`);
    this.#expose(visitor, arm.arm, arm.slot, arm.rule, arm.variant, e.at, !(arm.rule === '-' && UNDECIDED.has(arm.variant)));
    // A holdout exposure that names the rule the visitor would have matched also
    // feeds that rule's counterfactual holdout (a like-for-like control).
    if (arm.rule === '-' && arm.variant === 'holdout' && e.rule) {
      this.#expose(visitor, ruleHoldoutArm(arm.slot, e.rule), arm.slot, e.rule, '-holdout', e.at, false);
    }
  }

  #expose(visitor: string, arm: string, slot: string, rule: string, variant: string, at: number, countSlot: boolean): void {
    const db = this.#db;
    db.all(
      `INSERT INTO arm (arm, slot, rule, variant, exposures) VALUES (?, ?, ?, ?, 1)
       ON CONFLICT (arm) DO UPDATE SET exposures = exposures + 1`,
      [arm, slot, rule, variant],
    );
    const prev = db.all('SELECT first_at FROM arm_visitor WHERE visitor = ? AND arm = ?', [visitor, arm])[0]?.first_at as number | undefined;
    if (prev === undefined) {
      db.all('INSERT INTO arm_visitor (visitor, arm, first_at) VALUES (?, ?, ?)', [visitor, arm, at]);
      db.all('UPDATE arm SET visitors = visitors + 1 WHERE arm = ?', [arm]);
      this.#bumpDay(arm, dayOf(at), 1);
      if (countSlot && this.#one('INSERT INTO slot_visitor (slot, visitor) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING 1', [slot, visitor])) {
        db.all('INSERT INTO slot (slot, visitors) VALUES (?, 1) ON CONFLICT (slot) DO UPDATE SET visitors = visitors + 1', [slot]);
      }
      this.#attributePast(visitor, arm, at, Number.MAX_SAFE_INTEGER);
    } else if (at < prev) {
      // An earlier exposure arrived late: the visitor's first day moves, and the
      // conversions between the two exposures now follow an exposure.
      db.all('UPDATE arm_visitor SET first_at = ? WHERE visitor = ? AND arm = ?', [at, visitor, arm]);
      this.#bumpDay(arm, dayOf(prev), -1);
      this.#bumpDay(arm, dayOf(at), 1);
      this.#attributePast(visitor, arm, at, prev);
    }
  }

  #bumpDay(arm: string, day: number, by: number): void {
    this.#db.all(
      'INSERT INTO arm_day (arm, day, visitors) VALUES (?, ?, ?) ON CONFLICT (arm, day) DO UPDATE SET visitors = visitors + excluded.visitors',
      [arm, day, by],
    );
  }

  /** Conversions already stored for the visitor in [from, to) now count for `arm`. */
  #attributePast(visitor: string, arm: string, from: number, to: number): void {
    const rows = this.#db.all('SELECT goal, at, value FROM conversion WHERE visitor = ? AND at >= ? AND at < ?', [visitor, from, to]);
    for (const r of rows) this.#attribute(arm, r.goal as string, visitor, r.at as number, r.value as number);
  }

  #conversion(visitor: string, e: KairosEvent, now: number): void {
    if (!e.goal) throw new StatsInputError(`conversion ${e.id}: "goal" is required`);
    const value = e.value ?? 0;
    this.#db.all('INSERT INTO conversion (visitor, id, goal, at, value, recv) VALUES (?, ?, ?, ?, ?, ?)', [visitor, e.id, e.goal, e.at, value, now]);
    for (const r of this.#db.all('SELECT arm FROM arm_visitor WHERE visitor = ? AND first_at <= ?', [visitor, e.at])) {
      this.#attribute(r.arm as string, e.goal, visitor, e.at, value);
    }
  }

  #attribute(arm: string, goal: string, visitor: string, at: number, value: number): void {
    const db = this.#db;
    db.all(
      `INSERT INTO arm_goal (arm, goal, conversions, value) VALUES (?, ?, 1, ?)
       ON CONFLICT (arm, goal) DO UPDATE SET conversions = conversions + 1, value = value + excluded.value`,
      [arm, goal, value],
    );
    if (this.#one('INSERT INTO arm_goal_visitor (arm, goal, visitor) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1', [arm, goal, visitor])) {
      db.all('UPDATE arm_goal SET converters = converters + 1 WHERE arm = ? AND goal = ?', [arm, goal]);
      db.all(
        `INSERT INTO arm_goal_day (arm, goal, day, converters) VALUES (?, ?, ?, 1)
         ON CONFLICT (arm, goal, day) DO UPDATE SET converters = converters + 1`,
        [arm, goal, dayOf(at)],
      );
    }
  }

  #vital(e: KairosEvent): void {
    if (!e.metric || e.value === undefined || !(e.value >= 0)) throw new StatsInputError(`vital ${e.id}: "metric" and a value ≥ 0 are required`);
    const bin = sketchKey(e.value);
    // The vital belongs to every decision on the page it was measured on.
    for (const id of new Set(e.decisions ?? [])) {
      const arm = parseArm(id);
      if (!arm) continue;
      this.#db.all(
        'INSERT INTO vital_bin (arm, metric, bin, n) VALUES (?, ?, ?, 1) ON CONFLICT (arm, metric, bin) DO UPDATE SET n = n + 1',
        [arm.arm, e.metric, bin],
      );
    }
  }

  #timeout(e: KairosEvent): void {
    if (!e.slot) throw new StatsInputError(`timeout ${e.id}: "slot" is required`);
    const arm = (e.reason !== undefined ? parseArm(e.reason) : undefined) ?? parseArm(`${e.slot}:-:timeout`)!;
    this.#db.all(
      `INSERT INTO arm (arm, slot, rule, variant, timeouts) VALUES (?, ?, ?, ?, 1)
       ON CONFLICT (arm) DO UPDATE SET timeouts = timeouts + 1`,
      [arm.arm, arm.slot, arm.rule, arm.variant],
    );
  }

  #cleanup(now: number): void {
    this.#cleaned = now;
    const before = now - DEDUPE_TTL_MS - FUTURE_MS;
    this.#db.transaction(() => {
      this.#db.all('DELETE FROM seen WHERE recv < ?', [before]);
      this.#db.all('DELETE FROM conversion WHERE recv < ?', [before]);
    });
  }

  /** Every aggregate, for the report. */
  snapshot(): StatsSnapshot {
    const db = this.#db;
    const num = (v: SqlValue | undefined): number => Number(v ?? 0);
    const str = (v: SqlValue | undefined): string => String(v ?? '');
    const vitals = new Map<string, StatsSnapshot['vitals'][number]>();
    for (const r of db.all('SELECT arm, metric, bin, n FROM vital_bin ORDER BY arm, metric, bin')) {
      const k = `${r.arm}\n${r.metric}`;
      let v = vitals.get(k);
      if (!v) vitals.set(k, (v = { arm: str(r.arm), metric: str(r.metric) as Metric, bins: [] }));
      v.bins.push([num(r.bin), num(r.n)]);
    }
    return {
      arms: db.all('SELECT arm, slot, rule, variant, exposures, visitors, timeouts FROM arm ORDER BY arm').map((r) => ({
        arm: str(r.arm), slot: str(r.slot), rule: str(r.rule), variant: str(r.variant),
        exposures: num(r.exposures), visitors: num(r.visitors), timeouts: num(r.timeouts),
      })),
      goals: db.all('SELECT arm, goal, converters, conversions, value FROM arm_goal ORDER BY arm, goal').map((r) => ({
        arm: str(r.arm), goal: str(r.goal), converters: num(r.converters), conversions: num(r.conversions), value: num(r.value),
      })),
      days: db.all('SELECT arm, day, visitors FROM arm_day WHERE visitors <> 0 ORDER BY arm, day').map((r) => ({
        arm: str(r.arm), day: num(r.day), visitors: num(r.visitors),
      })),
      goalDays: db.all('SELECT arm, goal, day, converters FROM arm_goal_day ORDER BY arm, goal, day').map((r) => ({
        arm: str(r.arm), goal: str(r.goal), day: num(r.day), converters: num(r.converters),
      })),
      vitals: [...vitals.values()],
      slots: db.all('SELECT slot, visitors FROM slot ORDER BY slot').map((r) => ({ slot: str(r.slot), visitors: num(r.visitors) })),
    };
  }
}
