/** The events API on the wire: what the SDK sends to `POST /v1/events`. */
import type { Reason } from './decide.ts';

export type EventType = 'exposure' | 'conversion' | 'vital' | 'timeout';

/** One event; `id` is unique per event so the edge can drop duplicates on re-send. */
export interface KairosEvent {
  id: string;
  type: EventType;
  /** Epoch milliseconds when it happened on the device. */
  at: number;
  /** exposure / timeout: the slot and what it showed (variant absent = default content). */
  slot?: string;
  rule?: string;
  variant?: string;
  /** The decision's reason id (Reason.id). */
  reason?: string;
  /** exposure: the decision's token (Decision.token); an exposure without a valid one is not counted. */
  token?: string;
  /** exposure of a bandit decision: its segment (Reason.bandit.segment), covered by the token. */
  segment?: string;
  /** conversion: the goal and an optional value. vital: the metric value. */
  goal?: string;
  value?: number;
  /** vital: which metric. */
  metric?: 'LCP' | 'CLS' | 'INP';
  /** conversion / vital: reason ids of the decisions on the page when it happened. */
  decisions?: string[];
  /** The consent level in force when the event was recorded. */
  consent: 'analytics' | 'analytics+personalization';
}

export interface EventsRequest {
  site: string;
  /** Same visitor id as in decide (only sent with analytics consent). */
  visitor: string;
  rulesVersion?: string;
  events: KairosEvent[];
}
