/** The decide API on the wire: what the SDK sends to `POST /v1/decide` and what it gets back. */
import type { Content } from './content.ts';
import type { ContentView, ContextDocument } from './context.ts';

/** Raw signals the SDK captured; the edge derives the context document from them. */
export interface Signals {
  page?: { path?: string; title?: string; type?: string };
  /** Referrer host only, never a URL. */
  referrer?: string;
  utm?: Partial<Record<'source' | 'medium' | 'campaign' | 'term' | 'content', string>>;
  /** Names of ad click-id parameters present in the landing URL (gclid, fbclid, msclkid …). */
  clickIds?: string[];
  ua?: string;
  /** From navigator.userAgentData (UA-CH), when the browser has it. */
  uaData?: { mobile?: boolean; platform?: string; brands?: { brand: string; version: string }[] };
  touch?: boolean;
  viewport?: { width?: number; height?: number };
  saveData?: boolean;
  language?: string;
  /** The visitor's local time. */
  time?: { hour?: number; weekday?: number; timezone?: string };
  session?: { pageviews?: number; landing?: string; isNew?: boolean };
  /** Stored behaviour: only sent with personalization consent. */
  visitor?: { sessions?: number; firstSeen?: number };
  views?: ContentView[];
  interests?: Record<string, number>;
  conversions?: Record<string, number>;
  /** Exposure counts for caps, keyed `slot/rule`: per visitor (consented) and this session. */
  exposures?: { visitor?: Record<string, number>; session?: Record<string, number> };
  /**
   * Bandit assignments, keyed `slot/rule`: the variant first shown and when (epoch ms),
   * so the edge keeps the visitor on it for the rule's `stickyDays`. Personalization consent only.
   */
  assigned?: Record<string, { variant: string; at: number }>;
}

export interface DecideRequest {
  site: string;
  slots: string[];
  /** Stable visitor id when consented; a per-page random id otherwise. */
  visitor: string;
  consent: { personalization: boolean; analytics: boolean };
  signals: Signals;
  /** QA: force a variant per slot (`?kairos_preview=hero:ski-hero`). */
  preview?: Record<string, string>;
  /** Return the derived context document in the response (debug overlay). */
  debug?: boolean;
}

export type Outcome =
  | 'match' // a rule matched and a variant was chosen
  | 'preview' // forced by ?kairos_preview
  | 'no-match' // no rule matched
  | 'holdout' // visitor is in the global holdout
  | 'cap' // the matching rule's cap was reached
  | 'consent' // the matching rule needs consent the visitor has not given
  | 'schedule' // the only matching rules are outside their schedule window
  | 'unknown-slot'; // the rules file has no such slot

/** Why a slot got what it got — machine-readable. */
export interface Reason {
  outcome: Outcome;
  /** Stable id of this decision's reason (`slot:rule:variant` or `slot:-:outcome`), carried on events. */
  id: string;
  rule?: string;
  /** Context fields the winning rule read. */
  fields?: string[];
  /** The visitor's bucket in [0,1) for the rule's split. */
  bucket?: number;
  /** Rules skipped before the outcome, with the reason each was skipped. */
  skipped?: { rule: string; why: 'cap' | 'consent' | 'schedule' }[];
  /**
   * The request asked for a preview of this slot that was ignored, and why: no valid preview
   * token outside dev mode (`no-token`, `bad-token`, `expired-token`, `no-secret`), or no such
   * variant in the slot's rules (`unknown-variant`) or no such slot (`unknown-slot`).
   */
  previewRefused?: 'no-token' | 'bad-token' | 'expired-token' | 'no-secret' | 'unknown-variant' | 'unknown-slot';
  /**
   * Only when the request asked for debug, for a slot that got no variant (`no-match`,
   * `consent`, `schedule`): every rule of the slot and why it did not apply, as
   * `kairos explain --json` gives them.
   */
  misses?: RuleMiss[];
  /** A bandit rule decided: the visitor's segment and the weights (per variant, in order) of the split. */
  bandit?: BanditReason;
}

/** One rule of a slot that did not apply (Reason.misses). */
export interface RuleMiss {
  rule: string;
  /** The condition entry that failed (`$.slots.hero.rules[0].when["utm.term"]`), or the rule's `when` when a whole-rule reason applies. */
  path: string;
  /** `condition`: an entry failed; `consent` / `schedule`: the rule was skipped. */
  why: 'condition' | 'consent' | 'schedule';
  /** What the failed entry asks for, as written. */
  wanted?: unknown;
  /** What the context had at `path` (absent: nothing there, or an operator with no one value). */
  value?: unknown;
}

/** What a bandit decision used (Reason.bandit). */
export interface BanditReason {
  segment: string;
  weights: number[];
  /** The segment's own posterior, all segments pooled (too little data in this one), or equal (too little data yet). */
  source: 'segment' | 'pooled' | 'equal';
  /** The visitor kept the variant they were first shown (`stickyDays`), whatever the weights say. */
  sticky?: true;
}

export interface Decision {
  slot: string;
  /** Variant id; absent = keep the default content. */
  variant?: string;
  rule?: string;
  content?: Content;
  reason: Reason;
  /** The edge's signature of this decision (visitor, reason, time), carried back on its exposure. */
  token?: string;
}

export interface DecideResponse {
  site: string;
  /** Hash of the rules in force, so events and reports know which version decided. */
  rulesVersion: string;
  decisions: Record<string, Decision>;
  /** Engine time for all slots, in microseconds. */
  engineUs: number;
  /** Interest half-life the SDK must apply, in days. */
  interestHalfLifeDays: number;
  /** The derived context document, only when the request asked for debug. */
  context?: ContextDocument;
}
