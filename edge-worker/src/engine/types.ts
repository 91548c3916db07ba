/** Compiled rules: what the engine builds once per rules version and decides with. */
import type { Content } from '../protocol/content.ts';
import type { Decision } from '../protocol/decide.ts';
import type { CapInput, PreparedRules } from '../rules/types.ts';

/** Top-level context fields that hold stored behaviour: rules reading them need personalization consent. */
export type StoredField = 'visitor' | 'views' | 'interests' | 'conversions';

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
  slots: Map<string, CompiledRule[]>;
  /**
   * Per slot, the decisions that never vary by visitor (no match, holdout), built once
   * and frozen: most slots of most requests end there, so they allocate nothing.
   */
  fixed: Map<string, { noMatch: Decision; holdout: Decision }>;
  /** What was compiled. */
  source: PreparedRules;
}
