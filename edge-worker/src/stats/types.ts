/**
 * The stats store's types: what goes in (an events batch), what comes out (a
 * snapshot of the aggregates), and the one interface every backend implements.
 */
import type { KairosEvent } from '../protocol/index.ts';

/** A token bucket (per visitor, or per client address), counted in events. */
export interface RateLimit {
  /** Events a visitor may send at once. */
  burst: number;
  /** Events per second the bucket refills with. */
  perSecond: number;
}

/** Who is asking and how much they may: what every store call that writes is limited by. */
export interface Caller {
  site: string;
  /** The keyed hash of the visitor id (sign/visitor-key.ts): the store never sees the id itself. */
  visitor: string;
  /** Server time of receipt (epoch ms): dedupe TTL, stale checks, retention, the rate limit. */
  now: number;
  /** Refuse the whole call when the visitor's bucket is short. @default no limit */
  limit?: RateLimit;
  /** The keyed hash of the client address, for its own bucket; held in memory only, never stored. */
  client?: string;
  /** The client address's bucket. @default no limit */
  clientLimit?: RateLimit;
}

/** One validated events batch, as the events route hands it to the store. */
export interface IngestBatch extends Caller {
  events: KairosEvent[];
  /**
   * How many events the caller sent, those screened out included: what the rate limit
   * charges, so that a flood of events the edge refuses still costs the sender.
   * @default events.length
   */
  sent?: number;
  /** Visitor rows older than this are deleted. @default 90 */
  retentionDays?: number;
}

/** A rate-limited call: nothing written; retry after this many seconds. */
export interface Limited {
  ok: false;
  retryAfter: number;
}

export type IngestResult =
  /**
   * Written in one transaction: `accepted` new events, `duplicates` already seen ids (or
   * decision tokens), `stale` too old or from the future, `capped` left out because the
   * site already has MAX_ARMS arms.
   */
  | { ok: true; accepted: number; duplicates: number; stale: number; capped: number }
  | Limited;

/** `forget`: how many visitor rows were deleted. */
export type ForgetResult = { ok: true; deleted: number } | Limited;

/** One arm: what a slot showed, keyed by the decision's reason id (`slot:rule:variant`, `slot:-:holdout` …). */
export interface ArmRow {
  arm: string;
  slot: string;
  /** Rule id, or `-` for outcomes without a rule (holdout, no-match, timeout …). */
  rule: string;
  /** Variant id, or the outcome (`holdout`, `no-match` …); `-holdout` for a rule's counterfactual holdout. */
  variant: string;
  exposures: number;
  /** Unique visitors exposed. */
  visitors: number;
  timeouts: number;
}

/** Conversions of one goal by visitors after they were exposed to the arm. */
export interface GoalRow {
  arm: string;
  goal: string;
  /** Unique visitors who converted after exposure. */
  converters: number;
  conversions: number;
  value: number;
}

/** New unique visitors of an arm on one UTC day (epoch day number). */
export interface DayRow {
  arm: string;
  day: number;
  visitors: number;
}

/** New converters of an arm and goal on one UTC day. */
export interface GoalDayRow {
  arm: string;
  goal: string;
  day: number;
  converters: number;
}

export type Metric = 'LCP' | 'CLS' | 'INP';

/** A web-vitals quantile sketch of one arm and metric: `[key, count]` bins, sorted by key. */
export interface VitalRow {
  arm: string;
  metric: Metric;
  bins: [number, number][];
}

/** Unique visitors who got a decision for a slot (timeouts, errors and unknown slots left out): the base of the holdout-share check. */
export interface SlotRow {
  slot: string;
  visitors: number;
}

/** New exposed visitors of a bandit arm in one segment on one UTC day. */
export interface SegmentDayRow {
  arm: string;
  segment: string;
  day: number;
  visitors: number;
}

/** New converters of a bandit arm, goal and segment on one UTC day (the segment of their exposure). */
export interface SegmentGoalDayRow {
  arm: string;
  goal: string;
  segment: string;
  day: number;
  converters: number;
}

/** Every aggregate of one site, as the report reads them. */
export interface StatsSnapshot {
  arms: ArmRow[];
  goals: GoalRow[];
  days: DayRow[];
  goalDays: GoalDayRow[];
  vitals: VitalRow[];
  slots: SlotRow[];
  /** Bandit arms per segment (exposures that carried one). @default [] */
  segmentDays?: SegmentDayRow[];
  segmentGoalDays?: SegmentGoalDayRow[];
}

/**
 * Where events are aggregated: a SQLite-backed Durable Object per site on Workers,
 * an embedded SQLite file per site on Node. One storage suite tests them all.
 */
export interface StatsStore {
  /** Writes a batch all-or-nothing; duplicate event ids count nothing. */
  ingest(batch: IngestBatch): Promise<IngestResult>;
  /** The site's aggregates. */
  snapshot(site: string): Promise<StatsSnapshot>;
  /** Deletes every row of one visitor (the aggregates, which name no one, stay). */
  forget(caller: Caller): Promise<ForgetResult>;
  /** Releases files and handles. */
  close?(): Promise<void>;
}
