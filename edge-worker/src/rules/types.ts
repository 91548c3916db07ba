/** The rules file as site owners write it (PRODUCT.md "Rules file"), and what validating it says. */
import type { Content } from '../protocol/content.ts';

import type { Condition } from '../language/condition.ts';

export type { Condition };

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
  /** Bandit: the context fields it learns per combination of. @default ["device.type", "time.daypart", "referrer.type"] */
  segment?: string[];
  /** Bandit: days a visitor keeps the variant first shown to them. @default 7 */
  stickyDays?: number;
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

/** A variant ready to compile: its HTML sanitised into a node tree, its attributes filtered. */
export interface PreparedVariant {
  id: string;
  weight?: number;
  content: Content;
}

/** A rule ready to compile. */
export interface PreparedRule extends Omit<RuleInput, 'variants'> {
  variants: PreparedVariant[];
}

/**
 * Validated rules with every variant's content prepared (`prepareRules`): what the
 * engine compiles, and what the Worker bundle carries so it needs no sanitiser.
 */
export interface PreparedRules extends Omit<RulesFile, '$schema' | 'slots'> {
  slots: Record<string, { rules: PreparedRule[] }>;
}

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
