import type { WatchHooks } from './lazy/watch';
import type { Consent, Signals } from './types';

/**
 * What the parts of one running instance share. Fields ending in `_` are internal:
 * the build renames them to short names (esbuild `mangleProps` in sdk/build.mjs), so
 * they can be readable here at no cost in the script tag. Never give a public or
 * wire name a trailing `_`. The state is also what the events chunk is handed (its
 * {@link WatchHooks}: options, memory, buffer, decisions, slots; consent and rules version;
 * `send`, `scan`, `path`, `visit`), and what it hands to the events chunk.
 */
export interface State extends WatchHooks {
  /** The consent in force (replaced, never mutated, when the visitor answers). */
  consent_: Consent;
  /** Where the visit came from: captured once per document. */
  came_: Signals;
  /** Forced variants (`?kairos_preview=`), QA only. */
  preview_: Record<string, string> | undefined;
  /** Content element → the content id counted as its view. */
  seen_: WeakMap<Element, string>;
  /** Settles when every decide request so far has (`refresh()` waits for it; they never reject). */
  settled_: Promise<unknown>;
  /** Slot elements found since the last decide. */
  pending_: Element[];
  /** Whether this pageview started a session. */
  isNew_: boolean;
  /** Interest half-life in days: the edge says it in each decide response. */
  halfLife_: number;
  /** The version of the rules that decided (events carry it). */
  version_?: string | undefined;
}
