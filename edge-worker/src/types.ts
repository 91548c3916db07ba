/**
 * Every public type of the edge worker, in one place.
 * Modules import their types from here; `index.ts` re-exports them.
 */

// ---------------------------------------------------------------------------
// Rules file (what site owners write) — see PRODUCT.md "Rules file".
// ---------------------------------------------------------------------------

/** A MongoDB-style condition with GrowthBook semantics. */
export type Condition = { [key: string]: unknown };

/** Variant content as written in the rules file. Exactly one of text/html is usual; attrs may come alone. */
export interface VariantInput {
  id: string;
  /** Relative weight of the split (> 0). @default 1 */
  weight?: number;
  /** Plain text, set with textContent. May contain `{{dot.path}}` tokens. */
  text?: string;
  /** HTML, sanitised to an allow-list when the rules are compiled. May contain tokens. */
  html?: string;
  /** Attributes to set on the slot element (allow-listed names). */
  attrs?: Record<string, string>;
}

export interface CapInput {
  /** Max exposures of this rule for one visitor (needs personalization consent to count). */
  perVisitor?: number;
  /** Max exposures of this rule in one session. */
  perSession?: number;
}

export interface ScheduleInput {
  /** ISO 8601 instant; the rule applies from then on. */
  start?: string;
  /** ISO 8601 instant; the rule stops applying then. */
  end?: string;
}

export interface RuleInput {
  id: string;
  when?: Condition;
  variants: VariantInput[];
  cap?: CapInput;
  /** `bandit`: outcomes re-weight variants (fixed weights otherwise). */
  learn?: 'fixed' | 'bandit';
  /** The goal whose conversions count as this rule's success. */
  goal?: string;
  schedule?: ScheduleInput;
}

export interface SlotInput {
  rules: RuleInput[];
}

export interface RulesFile {
  $schema?: string;
  site: string;
  origins?: string[];
  /** Share of visitors (0..1) kept on default content everywhere, to measure lift. @default 0 */
  holdout?: number;
  /**
   * Named audiences: a condition (matched with `$groups` / `$audience`) or a list of
   * values (matched with `$inGroup` / `$notInGroup`, like GrowthBook's saved groups).
   */
  audiences?: Record<string, Condition | unknown[]>;
  /** Half-life of interest scores in days (the SDK reads it from the decide response). @default 7 */
  interestHalfLifeDays?: number;
  /** Conversion goals the report counts besides the rules' own `goal`s; any other goal is ignored. */
  goals?: string[];
  /** Days visitor-level rows (hashed ids) are kept before they are deleted. @default 90 */
  retentionDays?: number;
  slots: Record<string, SlotInput>;
}

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

/** One problem in a rules file: where (JSON path like `$.slots.hero.rules[0].when`) and what to fix. */
export interface RulesIssue {
  path: string;
  message: string;
  /** `error` refuses the file; `warning` (e.g. HTML that the sanitiser changed) does not. */
  severity: 'error' | 'warning';
}

export type ValidationResult =
  | { ok: true; rules: RulesFile; warnings: RulesIssue[] }
  | { ok: false; errors: RulesIssue[]; warnings: RulesIssue[] };

// ---------------------------------------------------------------------------
// Content that travels to the browser: a node tree, never an HTML string.
// ---------------------------------------------------------------------------

/** A text node; `t` may contain tokens until decide resolves them. */
export interface TextNode {
  t: string;
}
/** An element: tag name, allow-listed attributes, children. */
export interface ElementNode {
  e: string;
  a?: Record<string, string>;
  c?: ContentNode[];
}
export type ContentNode = TextNode | ElementNode;

/** What the SDK renders into a slot. */
export interface Content {
  /** Children that replace the slot's content; absent = keep children (attrs only). */
  nodes?: ContentNode[];
  /** Attributes set on the slot element itself. */
  attrs?: Record<string, string>;
}

// ---------------------------------------------------------------------------
// Context document (what rules match on) — see PRODUCT.md.
// ---------------------------------------------------------------------------

export type ReferrerType = 'search' | 'social' | 'email' | 'paid' | 'internal' | 'direct' | 'other';
export type DeviceType = 'mobile' | 'tablet' | 'desktop';
export type Daypart = 'morning' | 'afternoon' | 'evening' | 'night';

export interface ContentView {
  id: string;
  tags: string[];
  /** Epoch milliseconds. */
  at: number;
}

export interface ContextDocument {
  page: { path: string; title: string; type: string };
  referrer: { host: string; type: ReferrerType; source: string };
  utm: { source: string; medium: string; campaign: string; term: string; content: string };
  device: {
    type: DeviceType;
    os: string;
    browser: string;
    touch: boolean;
    viewport: { width: number; height: number };
    saveData: boolean;
    language: string;
  };
  time: { hour: number; weekday: number; daypart: Daypart; timezone: string };
  geo: { country: string; region: string };
  session: { pageviews: number; landing: string; isNew: boolean };
  visitor: { sessions: number; returning: boolean; daysSinceFirst: number };
  views: ContentView[];
  interests: Record<string, number>;
  conversions: Record<string, number>;
  consent: { personalization: boolean; analytics: boolean };
}

/** Top-level context fields that hold stored behaviour: rules reading them need personalization consent. */
export type StoredField = 'visitor' | 'views' | 'interests' | 'conversions';

// ---------------------------------------------------------------------------
// Decide API (SDK → edge)
// ---------------------------------------------------------------------------

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

/** Geo and other request metadata that only the edge knows. */
export interface RequestMeta {
  country?: string;
  region?: string;
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
  /** The request asked for a preview that was ignored, and why (no valid preview token, outside dev mode). */
  previewRefused?: 'no-token' | 'bad-token' | 'expired-token' | 'no-secret';
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

// ---------------------------------------------------------------------------
// Compiled rules (engine internals, exported for tests and the CLI)
// ---------------------------------------------------------------------------

/** A condition compiled once into a closure. */
export type Matcher = (ctx: unknown) => boolean;

export interface CompiledVariant {
  id: string;
  weight: number;
  content: Content;
  /** Fills the content's `{{tokens}}` from the context; absent when it has none. */
  fill?: (ctx: unknown) => Content;
  /** `slot:rule:variant`, built once so a decision allocates no strings. */
  reasonId: string;
}

export interface CompiledRule {
  id: string;
  slot: string;
  /** Hash seed of the split (`slot/rule`), also the key of exposure counts. */
  seed: string;
  matcher: Matcher;
  /** Dot paths the condition (and content tokens) read, audiences expanded. */
  fields: string[];
  needsConsent: boolean;
  variants: CompiledVariant[];
  /** Bucket ranges per variant, from weights. */
  ranges: [number, number][];
  cap?: CapInput;
  learn: 'fixed' | 'bandit';
  goal?: string;
  /** Epoch ms, or undefined for open-ended. */
  start?: number;
  end?: number;
}

export interface CompiledRules {
  site: string;
  version: string;
  origins: string[];
  /** Hosts of `origins`, parsed once: a referrer from one of them is internal. */
  siteHosts: string[];
  holdout: number;
  interestHalfLifeDays: number;
  /** Goals the report counts: every rule's `goal` and the file's `goals`. */
  goals: string[];
  retentionDays: number;
  slots: Map<string, CompiledRule[]>;
  /**
   * Per slot, the decisions that never vary by visitor (no match, holdout), built once
   * and frozen: most slots of most requests end there, so they allocate nothing.
   */
  fixed: Map<string, { noMatch: Decision; holdout: Decision }>;
  source: RulesFile;
}

// ---------------------------------------------------------------------------
// Events API (SDK → edge): POST /v1/events
// ---------------------------------------------------------------------------

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
