import type { BanditReport } from './report-bandit.ts';
import type { Interval } from './intervals.ts';
import type { SrmCheck } from './srm.ts';
import type { Metric } from './types.ts';

/** A conversion rate per unique visitor, with its 95 % Wilson interval. */
export interface RateStat {
  visitors: number;
  /** Unique visitors who converted after exposure. */
  converters: number;
  conversions: number;
  value: number;
  rate: number | null;
  ci: Interval | null;
}

/** Relative lift against the control, 95 % interval; the verdict reads the interval. */
export interface LiftStat {
  estimate: number | null;
  ci: Interval | null;
  /** `better`/`worse`: the whole interval is above/below 0; `insufficient`: no interval yet (no conversions on a side). */
  verdict: 'better' | 'worse' | 'inconclusive' | 'insufficient';
}

/** A web-vitals p75 from the sketch, with a distribution-free 95 % interval. */
export interface VitalStat {
  n: number;
  p75: number | null;
  ci: Interval | null;
}

/** One web-vitals guardrail of a variant against the holdout. */
export interface Guardrail {
  metric: Metric;
  variant: VitalStat;
  holdout: VitalStat;
  /** Relative change of p75 (positive is slower / more shift). */
  change: number | null;
  /** `worse`: the variant's p75 interval lies wholly above the holdout's. */
  status: 'worse' | 'ok' | 'insufficient';
}

/** One arm's figures. */
export interface ArmReport {
  arm: string;
  visitors: number;
  exposures: number;
  timeouts: number;
  /** Per goal. */
  goals: Record<string, RateStat>;
  vitals: Partial<Record<Metric, VitalStat>>;
}

export interface VariantReport extends ArmReport {
  variant: string;
  /** Configured weight; null for a variant no longer in the rules. */
  weight: number | null;
  inRules: boolean;
  /** Per goal, against the rule's control. */
  lift: Record<string, LiftStat>;
  guardrails: Guardrail[];
  /** Some guardrail is `worse`. */
  guardrailFlag: boolean;
}

/** Cumulative figures at the end of one UTC day. */
export interface TimelinePoint {
  day: string;
  visitors: number;
  converters: number;
  rate: number | null;
  /** Against the control at the same day (null for the control itself). */
  lift: LiftStat | null;
}

export interface RuleReport {
  rule: string;
  inRules: boolean;
  learn: 'fixed' | 'bandit';
  /** The goal the rule is judged on: its configured goal, else the slot's most converted goal. */
  goal: string | null;
  /** Every goal with data in the slot (the configured one first). */
  goals: string[];
  /**
   * `rule-holdout`: holdout visitors whom this rule would have matched (like for like);
   * `slot-holdout`: every holdout visitor of the slot (what the edge records today).
   */
  control: { kind: 'rule-holdout' | 'slot-holdout'; arm: ArmReport };
  variants: VariantReport[];
  /** Variants' split against their weights; null with one variant or a bandit. */
  srm: SrmCheck | null;
  /** Cumulative lift over time for `goal`. */
  timeline: { goal: string; control: TimelinePoint[]; variants: Record<string, TimelinePoint[]> } | null;
  /** A bandit rule's learning per segment (posteriors, weights now and over time). */
  bandit?: BanditReport | null;
}

export interface SlotReport {
  slot: string;
  /** Unique visitors who saw the slot with a decision (any outcome but timeout, error, unknown-slot). */
  visitors: number;
  exposures: number;
  timeouts: number;
  holdout: ArmReport;
  /** Holdout share of the slot's visitors against the configured `holdout`. */
  holdoutSrm: SrmCheck | null;
  rules: RuleReport[];
  /** Default content for other reasons: no-match, cap, consent, schedule, timeout … */
  other: (ArmReport & { outcome: string })[];
}

/** `GET /v1/report`. */
export interface Report {
  site: string;
  rulesVersion: string | null;
  generatedAt: string;
  confidence: 0.95;
  holdoutShare: number;
  /** Every goal seen. */
  goals: string[];
  /** How to read the figures. */
  notes: string[];
  slots: SlotReport[];
}
