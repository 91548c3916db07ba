/**
 * The SDK's public types. Wire shapes come from the edge's protocol module (type-only
 * import, erased at build) so the SDK and the edge can never disagree about them, and the
 * published declarations carry no engine internals.
 */
import type { Content, Outcome, Reason, Signals } from '../../edge-worker/src/protocol/index';

export type {
  Content,
  ContentNode,
  ContentView,
  ContextDocument,
  DecideRequest,
  DecideResponse,
  Decision,
  ElementNode,
  EventsRequest,
  EventType,
  KairosEvent,
  Outcome,
  Reason,
  Signals,
  TextNode,
} from '../../edge-worker/src/protocol/index';

/** Consent for the two purposes Kairos has. */
export interface Consent {
  /** Store behaviour on the device (views, interests, conversions, caps) and use it in rules. */
  personalization: boolean;
  /** Send events (exposures, conversions, web-vitals) to the edge. */
  analytics: boolean;
}

/** `data-consent`: the site's default before its consent banner answers. */
export type ConsentDefault = 'granted' | 'denied' | 'pending';

/** Options of {@link start}; the script tag reads them from its `data-` attributes. */
export interface Options {
  /** The site id of the rules file (`data-site`). */
  site: string;
  /**
   * Origin (or base URL) of the edge (`data-endpoint`).
   * @default the origin of the script's own URL (ESM build: `location.origin`)
   */
  endpoint?: string;
  /**
   * The anti-flicker budget in ms (`data-timeout`): slots wait at most this long.
   * @default 300
   */
  timeout?: number;
  /**
   * Consent before the site's banner answers (`data-consent`). `pending` behaves as `denied`.
   * `navigator.globalPrivacyControl === true` means denied, whatever this says.
   * @default 'granted'
   */
  consent?: ConsentDefault;
  /** Show the debug overlay and log problems to the console (`data-debug`, `?kairos_debug=1`). @default false */
  debug?: boolean;
  /**
   * Base URL the lazy chunks (`kairos-vitals.js`, `kairos-overlay.js`) are loaded from.
   * @default the directory of the script's own URL (ESM build: the endpoint)
   */
  base?: string;
}

/** What became of a slot: the edge's outcome, or `timeout` / `error` on the device. */
export type SlotOutcome = Outcome | 'timeout' | 'error';

/** The reason of a slot's decision; `id` is carried on every event. */
export interface SlotReason extends Omit<Reason, 'outcome'> {
  outcome: SlotOutcome;
}

/**
 * One slot's decision as the page sees it: also the `detail` of the `kairos:decision`
 * DOM event, dispatched on the slot element (it bubbles).
 */
export interface SlotDecision {
  slot: string;
  /** The variant shown; absent = the default content. */
  variant?: string;
  rule?: string;
  /** What was rendered (a node tree, never HTML). */
  content?: Content;
  outcome: SlotOutcome;
  reason: SlotReason;
  /** The edge's signature of the decision, sent back with its exposure. */
  token?: string;
}

/** Decisions by slot name. */
export type Decisions = Record<string, SlotDecision>;

/**
 * What `kairos.on(name, fn)` can listen to, and what `fn` receives. `on` listens to the
 * DOM event `kairos:<name>` on `document`.
 */
export interface KairosEvents {
  /** A slot was decided (or timed out, or failed): the `kairos:decision` event's detail. */
  decision: SlotDecision;
}

/** `window.kairos`, and what {@link start} returns. No method throws, no promise rejects. */
export interface Kairos {
  /** Resolves with the first decisions, once every slot on the page has settled (decided, default or timeout). */
  ready: Promise<Decisions>;
  /** Decisions so far, by slot. */
  decisions: Decisions;
  /** The signals captured on this page (what the edge is sent). */
  context(): Signals;
  /** Record a content view (like `data-kairos-content` / `data-kairos-tags`). */
  view(view: { id: string; tags?: string[] }): void;
  /** Record a conversion of `goal` (like a click on `data-kairos-goal`). */
  convert(goal: string, opts?: { value?: number }): void;
  /**
   * The visitor's answer (fields left out keep their value): granting personalization
   * starts storage from now on, withdrawing it erases what was stored; without
   * analytics no event leaves the page. Returns the consent in force.
   */
  consent(consent?: Partial<Consent>): Consent;
  /** Re-captures the page and decides the slots not decided yet (slots added later and SPA routes are found without it). */
  refresh(): Promise<Decisions>;
  /** Listen to an SDK event; returns a function that stops listening. */
  on<K extends keyof KairosEvents>(name: K, fn: (data: KairosEvents[K]) => void): () => void;
  /** Erase everything stored about this visitor (the visitor id changes). */
  forget(): Promise<void>;
}
