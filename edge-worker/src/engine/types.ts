/** Compiled rules: what the engine builds once per rules version and decides with. */
import type { Content } from '../protocol/content.ts';
import type { Decision } from '../protocol/decide.ts';
import type { CapInput, PreparedRules } from '../rules/types.ts';
import type { Reads } from './reads.ts';
import type { SafeRegex } from '../language/regex/safe-regex.ts';

/** A condition compiled once into a closure. */
export type Matcher = (ctx: unknown) => boolean;

/** Compiles a `$regex` pattern with its flags; null when the pattern is refused (it then matches nobody). */
export type RegexCompiler = (source: string, flags: '' | 'i') => SafeRegex | null;

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
  /** The hash state after the seed (`seedState(seed)`): a split hashes only the visitor id. */
  seedState: number;
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
  /** Bandit: the context fields of its segments (frozen; empty = one segment for all). */
  segment?: readonly string[];
  /** Bandit: how long a visitor keeps their first variant, in ms. */
  stickyMs?: number;
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
  /** `seedState` of the global holdout's seed (see `inHoldout`). */
  holdoutSeed: number;
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
  /** The JSON of every static content tree, computed once: the bulk of a decide answer's bytes. */
  contentJson: Map<Content, string>;
  /** Field values shared by every matcher of these rules: a decision reads each field once. */
  reads: Reads;
  /** What was compiled. */
  source: PreparedRules;
  /** The regex compiler these rules were compiled with (the Worker's reads precompiled programs): explaining a miss compiles with it again. */
  regex: RegexCompiler;
}
