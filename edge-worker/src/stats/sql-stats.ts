import type { KairosEvent } from '../protocol/index.ts';
import { parseArm, ruleHoldoutArm } from './arms.ts';
import { RateLimiter } from './rate-limit.ts';
import { sketchKey } from './sketch.ts';
import { migrate, VISITOR_TABLES, type SqlDriver, type SqlQuery, type SqlValue } from './sql.ts';
import { readSnapshot } from './sql-snapshot.ts';
import type { Caller, ForgetResult, IngestBatch, IngestResult, RateLimit, StatsSnapshot } from './types.ts';

const DAY_MS = 86_400_000;
/** Event ids are remembered this long; older events are refused as stale, so a re-send never counts twice. */
export const DEDUPE_TTL_MS = 7 * DAY_MS;
/** Device clocks run ahead: events up to a day in the future are taken, and ids kept a day longer to match. */
const FUTURE_MS = DAY_MS;
const CLEANUP_EVERY_MS = 3_600_000;
/**
 * Most arms (slot, rule, variant or outcome) one site keeps. The events route takes only
 * ids of recent rules, so a site reaches this only over many rules versions; past it a
 * new arm is not counted, so the report's rows stay bounded whatever is sent.
 */
export const MAX_ARMS = 2000;
/** Visitor rows are deleted this many days after they were written, unless the rules say otherwise. */
const DEFAULT_RETENTION_DAYS = 90;
/** What a forget call costs in events of the rate limit: deleting is dearer than counting. */
const FORGET_COST = 10;

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
 * The aggregation, written once for every SQL driver: every batch in one transaction,
 * ids deduplicated, conversions attributed per visitor to what the visitor was exposed
 * to before converting (in whichever order the events arrive). Visitors are known only
 * by the keyed hash the route gives (`Caller.visitor`).
 *
 * Calls run one at a time, in the order they came: the rate limit is taken when a call
 * arrives, its writes wait for the calls before it. So a driver whose statements really
 * wait for I/O sees one transaction at a time, as the synchronous SQLite drivers do.
 */
export class SqlStats {
  readonly #db: SqlDriver;
  readonly #limiter = new RateLimiter();
  /** The schema, created or brought up to date before the first call runs. */
  readonly #ready: Promise<void>;
  /** Settles when the last call queued so far has. */
  #queue: Promise<unknown> = Promise.resolve();
  #cleaned = 0;
  /** Rows of `arm`, counted once and then kept; unknown again after a failed transaction. */
  #arms: number | undefined;
  #capped = 0;

  constructor(db: SqlDriver) {
    this.#db = db;
    this.#ready = migrate(db);
    // A failed migration fails every call; with no call yet it is no unhandled rejection.
    this.#ready.catch(() => undefined);
  }

  /** Runs `fn` once the schema is ready and every call before it has settled. */
  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(() => this.#ready).then(fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** 0 when the caller's buckets (visitor, and client address when given) had `cost`, else seconds to wait. */
  #limit(c: Caller, cost: number): number {
    const buckets: [string, RateLimit][] = [];
    if (c.limit) buckets.push([`v\n${c.visitor}`, c.limit]);
    if (c.client && c.clientLimit) buckets.push([`c\n${c.client}`, c.clientLimit]);
    return buckets.length ? this.#limiter.takeAll(buckets, cost, c.now) : 0;
  }

  async #tx<T>(fn: (tx: SqlQuery) => Promise<T>): Promise<T> {
    try {
      return await this.#db.transaction(fn);
    } catch (err) {
      this.#arms = undefined;
      throw err;
    }
  }

  /** Writes a batch in one transaction, after the visitor's (and client's) rate limit. */
  ingest(batch: IngestBatch): Promise<IngestResult> {
    const wait = this.#limit(batch, batch.sent ?? batch.events.length);
    if (wait > 0) return Promise.resolve({ ok: false, retryAfter: wait });
    return this.#serial(async () => {
      this.#capped = 0;
      const result = await this.#tx((tx) => this.#write(tx, batch));
      if (batch.now - this.#cleaned > CLEANUP_EVERY_MS) await this.#cleanup(batch.now, batch.retentionDays ?? DEFAULT_RETENTION_DAYS);
      return result;
    });
  }

  /** Deletes every row of the caller's visitor, rate-limited like events. */
  forget(caller: Caller): Promise<ForgetResult> {
    const wait = this.#limit(caller, FORGET_COST);
    if (wait > 0) return Promise.resolve({ ok: false, retryAfter: wait });
    return this.#serial(() =>
      this.#tx(async (tx) => {
        let deleted = 0;
        for (const t of VISITOR_TABLES) deleted += (await tx.query(`DELETE FROM ${t} WHERE visitor = ? RETURNING 1`, [caller.visitor])).length;
        return { ok: true, deleted } as const;
      }),
    );
  }

  /** Every aggregate, for the report (between two calls, so from one state of the database). */
  snapshot(): Promise<StatsSnapshot> {
    return this.#serial(() => readSnapshot(this.#db));
  }

  async #write(db: SqlQuery, { visitor, events, now }: IngestBatch): Promise<IngestResult> {
    let accepted = 0;
    let duplicates = 0;
    let stale = 0;
    // Device order, so an exposure and the conversion after it attribute in one pass.
    const sorted = events.map((e, i) => [e, i] as const).sort((a, b) => a[0].at - b[0].at || a[1] - b[1]);
    const seen = 'INSERT INTO seen (visitor, id, recv) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1';
    for (const [e] of sorted) {
      if (e.at < now - DEDUPE_TTL_MS || e.at > now + FUTURE_MS) {
        stale++;
        continue;
      }
      // An event id counts once, and so does a decision token: one decision, one exposure.
      if (!(await one(db, seen, [visitor, e.id, now])) || (e.type === 'exposure' && e.token && !(await one(db, seen, [visitor, `token\n${e.token}`, now])))) {
        duplicates++;
        continue;
      }
      accepted++;
      if (e.type === 'exposure') await this.#exposure(db, visitor, e, now);
      else if (e.type === 'conversion') await this.#conversion(db, visitor, e, now);
      else if (e.type === 'vital') await this.#vital(db, e);
      else if (e.type === 'timeout') await this.#timeout(db, e);
      else throw new StatsInputError(`event ${e.id}: unknown type "${String(e.type)}"`);
    }
    return { ok: true, accepted: accepted - this.#capped, duplicates, stale, capped: this.#capped };
  }

  /** Makes sure the arm has its row; false (and the event is capped) when it has none and the site is full. */
  async #arm(db: SqlQuery, arm: string, slot: string, rule: string, variant: string): Promise<boolean> {
    if (await one(db, 'SELECT 1 FROM arm WHERE arm = ?', [arm])) return true;
    this.#arms ??= Number((await db.query('SELECT COUNT(*) AS n FROM arm'))[0]?.n ?? 0);
    if (this.#arms >= MAX_ARMS) return false;
    await db.query('INSERT INTO arm (arm, slot, rule, variant) VALUES (?, ?, ?, ?)', [arm, slot, rule, variant]);
    this.#arms++;
    return true;
  }

  async #exposure(db: SqlQuery, visitor: string, e: KairosEvent, now: number): Promise<void> {
    const arm = e.reason !== undefined ? parseArm(e.reason) : undefined;
    if (!arm) throw new StatsInputError(`exposure ${e.id}: "reason" must be a reason id (slot:rule:variant)`);
    if (!(await this.#arm(db, arm.arm, arm.slot, arm.rule, arm.variant))) {
      this.#capped++;
      return;
    }
    // A bandit decision's segment, recorded before the exposure attributes past conversions.
    // Rule arms only: a holdout visitor never enters the bandit.
    if (e.segment !== undefined && arm.rule !== '-') await segment(db, visitor, arm.arm, e.segment, e.at, now);
    await expose(db, visitor, arm.arm, arm.slot, e.at, now, !(arm.rule === '-' && UNDECIDED.has(arm.variant)));
    // A holdout exposure that names the rule the visitor would have matched also
    // feeds that rule's counterfactual holdout (a like-for-like control).
    if (arm.rule === '-' && arm.variant === 'holdout' && e.rule) {
      const own = ruleHoldoutArm(arm.slot, e.rule);
      if (await this.#arm(db, own, arm.slot, e.rule, '-holdout')) await expose(db, visitor, own, arm.slot, e.at, now, false);
    }
  }

  async #conversion(db: SqlQuery, visitor: string, e: KairosEvent, now: number): Promise<void> {
    if (!e.goal) throw new StatsInputError(`conversion ${e.id}: "goal" is required`);
    const value = e.value ?? 0;
    await db.query('INSERT INTO conversion (visitor, id, goal, at, value, recv) VALUES (?, ?, ?, ?, ?, ?)', [visitor, e.id, e.goal, e.at, value, now]);
    for (const r of await db.query('SELECT arm FROM arm_visitor WHERE visitor = ? AND first_at <= ?', [visitor, e.at])) {
      await attribute(db, r.arm as string, e.goal, visitor, e.at, value, now);
    }
  }

  async #vital(db: SqlQuery, e: KairosEvent): Promise<void> {
    if (!e.metric || e.value === undefined || !(e.value >= 0)) throw new StatsInputError(`vital ${e.id}: "metric" and a value ≥ 0 are required`);
    const bin = sketchKey(e.value);
    // The vital belongs to every decision on the page it was measured on.
    for (const id of new Set(e.decisions ?? [])) {
      const arm = parseArm(id);
      if (!arm || !(await this.#arm(db, arm.arm, arm.slot, arm.rule, arm.variant))) continue;
      await db.query(
        'INSERT INTO vital_bin (arm, metric, bin, n) VALUES (?, ?, ?, 1) ON CONFLICT (arm, metric, bin) DO UPDATE SET n = n + 1',
        [arm.arm, e.metric, bin],
      );
    }
  }

  async #timeout(db: SqlQuery, e: KairosEvent): Promise<void> {
    if (!e.slot) throw new StatsInputError(`timeout ${e.id}: "slot" is required`);
    const arm = (e.reason !== undefined ? parseArm(e.reason) : undefined) ?? parseArm(`${e.slot}:-:timeout`)!;
    if (!(await this.#arm(db, arm.arm, arm.slot, arm.rule, arm.variant))) {
      this.#capped++;
      return;
    }
    await db.query('UPDATE arm SET timeouts = timeouts + 1 WHERE arm = ?', [arm.arm]);
  }

  /** Short-lived rows after the dedupe window; visitor rows after the retention period. */
  async #cleanup(now: number, retentionDays: number): Promise<void> {
    this.#cleaned = now;
    const before = now - DEDUPE_TTL_MS - FUTURE_MS;
    const retained = now - retentionDays * DAY_MS;
    await this.#db.transaction(async (tx) => {
      await tx.query('DELETE FROM seen WHERE recv < ?', [before]);
      await tx.query('DELETE FROM conversion WHERE recv < ?', [before]);
      for (const t of ['arm_visitor', 'slot_visitor', 'arm_goal_visitor', 'segment_visitor']) await tx.query(`DELETE FROM ${t} WHERE recv < ?`, [retained]);
    });
  }
}

/** Whether the statement returned a row (an insert that took, a row that exists). */
async function one(db: SqlQuery, sql: string, params: readonly SqlValue[]): Promise<boolean> {
  return (await db.query(sql, params)).length > 0;
}

async function expose(db: SqlQuery, visitor: string, arm: string, slot: string, at: number, now: number, countSlot: boolean): Promise<void> {
  await db.query('UPDATE arm SET exposures = exposures + 1 WHERE arm = ?', [arm]);
  const prev = (await db.query('SELECT first_at FROM arm_visitor WHERE visitor = ? AND arm = ?', [visitor, arm]))[0]?.first_at as number | undefined;
  if (prev === undefined) {
    await db.query('INSERT INTO arm_visitor (visitor, arm, first_at, recv) VALUES (?, ?, ?, ?)', [visitor, arm, at, now]);
    await db.query('UPDATE arm SET visitors = visitors + 1 WHERE arm = ?', [arm]);
    await bumpDay(db, arm, dayOf(at), 1);
    if (countSlot && (await one(db, 'INSERT INTO slot_visitor (slot, visitor, recv) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1', [slot, visitor, now]))) {
      await db.query('INSERT INTO slot (slot, visitors) VALUES (?, 1) ON CONFLICT (slot) DO UPDATE SET visitors = visitors + 1', [slot]);
    }
    await attributePast(db, visitor, arm, at, Number.MAX_SAFE_INTEGER, now);
  } else if (at < prev) {
    // An earlier exposure arrived late: the visitor's first day moves, and the
    // conversions between the two exposures now follow an exposure.
    await db.query('UPDATE arm_visitor SET first_at = ? WHERE visitor = ? AND arm = ?', [at, visitor, arm]);
    await bumpDay(db, arm, dayOf(prev), -1);
    await bumpDay(db, arm, dayOf(at), 1);
    await attributePast(db, visitor, arm, at, prev, now);
  }
}

/** The visitor's segment for a bandit arm: the first one counts (their first exposure's). */
async function segment(db: SqlQuery, visitor: string, arm: string, segment: string, at: number, now: number): Promise<void> {
  if (!(await one(db, 'INSERT INTO segment_visitor (visitor, arm, segment, recv) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1', [visitor, arm, segment, now]))) return;
  await db.query(
    'INSERT INTO segment_day (arm, segment, day, visitors) VALUES (?, ?, ?, 1) ON CONFLICT (arm, segment, day) DO UPDATE SET visitors = visitors + 1',
    [arm, segment, dayOf(at)],
  );
}

async function bumpDay(db: SqlQuery, arm: string, day: number, by: number): Promise<void> {
  await db.query(
    'INSERT INTO arm_day (arm, day, visitors) VALUES (?, ?, ?) ON CONFLICT (arm, day) DO UPDATE SET visitors = visitors + excluded.visitors',
    [arm, day, by],
  );
}

/** Conversions already stored for the visitor in [from, to) now count for `arm`. */
async function attributePast(db: SqlQuery, visitor: string, arm: string, from: number, to: number, now: number): Promise<void> {
  const rows = await db.query('SELECT goal, at, value FROM conversion WHERE visitor = ? AND at >= ? AND at < ?', [visitor, from, to]);
  for (const r of rows) await attribute(db, arm, r.goal as string, visitor, r.at as number, r.value as number, now);
}

async function attribute(db: SqlQuery, arm: string, goal: string, visitor: string, at: number, value: number, now: number): Promise<void> {
  await db.query(
    `INSERT INTO arm_goal (arm, goal, conversions, value) VALUES (?, ?, 1, ?)
       ON CONFLICT (arm, goal) DO UPDATE SET conversions = conversions + 1, value = value + excluded.value`,
    [arm, goal, value],
  );
  if (!(await one(db, 'INSERT INTO arm_goal_visitor (arm, goal, visitor, recv) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1', [arm, goal, visitor, now]))) return;
  await db.query('UPDATE arm_goal SET converters = converters + 1 WHERE arm = ? AND goal = ?', [arm, goal]);
  await db.query(
    `INSERT INTO arm_goal_day (arm, goal, day, converters) VALUES (?, ?, ?, 1)
       ON CONFLICT (arm, goal, day) DO UPDATE SET converters = converters + 1`,
    [arm, goal, dayOf(at)],
  );
  const seg = (await db.query('SELECT segment FROM segment_visitor WHERE visitor = ? AND arm = ?', [visitor, arm]))[0]?.segment;
  if (seg !== undefined) {
    await db.query(
      `INSERT INTO segment_goal_day (arm, goal, segment, day, converters) VALUES (?, ?, ?, ?, 1)
         ON CONFLICT (arm, goal, segment, day) DO UPDATE SET converters = converters + 1`,
      [arm, goal, seg, dayOf(at)],
    );
  }
}
