import type { CompiledRule, CompiledRules } from '../engine/types.ts';
import { holdoutArm, RULE_HOLDOUT, ruleHoldoutArm } from './arms.ts';
import { relativeLift, wilson } from './intervals.ts';
import { banditReport } from './report-bandit.ts';
import type { ArmReport, Guardrail, LiftStat, RateStat, Report, RuleReport, SlotReport, TimelinePoint, VariantReport, VitalStat } from './report-types.ts';
import { sketchCount, sketchQuantile, sketchQuantileInterval } from './sketch.ts';
import { srmCheck } from './srm.ts';
import type { ArmRow, GoalRow, Metric, StatsSnapshot } from './types.ts';

const METRICS: Metric[] = ['LCP', 'CLS', 'INP'];
const DAY_MS = 86_400_000;

/** How to read the report, shipped with it. */
export const REPORT_NOTES = [
  'Holdout = visitors of this slot kept on default content (the site-wide holdout). Each rule is compared with it, unless the rule’s own holdout (holdout visitors the rule would have matched) is recorded; the control column says which.',
  'Rates are per unique visitor: a visitor converts for an arm when they saw it before converting. 95 % Wilson score intervals.',
  'Lift = variant rate / holdout rate − 1, with a 95 % interval by the delta method on the log of the rate ratio (Katz). "better"/"worse" when the whole interval is above/below zero. No correction for comparing several variants and goals.',
  'Sample-ratio mismatch: chi-square goodness of fit of unique visitors against the configured weights (and of the holdout share against `holdout`); flagged when p < 0.001, which means the split is broken and its figures are not to be trusted.',
  'Web vitals: p75 of LCP (ms), CLS and INP (ms) of the pages a variant was on, from a DDSketch (±1 %), with distribution-free 95 % intervals; a guardrail is flagged when the variant’s interval lies wholly above the holdout’s.',
  'Days are UTC; the timeline is cumulative.',
];

interface Index {
  arms: Map<string, ArmRow>;
  /** Arms by slot, then by rule: each row is placed once, so the report is linear in rows. */
  bySlot: Map<string, Map<string, ArmRow[]>>;
  slotVisitors: Map<string, number>;
  goals: Map<string, Map<string, GoalRow>>;
  days: Map<string, Map<number, number>>;
  goalDays: Map<string, Map<number, number>>;
  vitals: Map<string, Map<Metric, [number, number][]>>;
}

/**
 * Sets `o[key]` as an own property whatever the key: a plain assignment of `__proto__`
 * would set the prototype instead, and the goal or variant would vanish from the JSON.
 * (Null-prototype objects would do too, but V8 keeps them as slow dictionaries.)
 */
function put<V>(o: Record<string, V>, key: string, value: V): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}

function index(s: StatsSnapshot): Index {
  const ix: Index = { arms: new Map(), bySlot: new Map(), slotVisitors: new Map(), goals: new Map(), days: new Map(), goalDays: new Map(), vitals: new Map() };
  const sub = <K, V>(m: Map<string, Map<K, V>>, k: string): Map<K, V> => m.get(k) ?? (m.set(k, new Map()), m.get(k)!);
  for (const a of s.arms) {
    ix.arms.set(a.arm, a);
    const rules = sub(ix.bySlot, a.slot);
    const list = rules.get(a.rule);
    if (list) list.push(a);
    else rules.set(a.rule, [a]);
  }
  for (const x of s.slots) ix.slotVisitors.set(x.slot, x.visitors);
  for (const g of s.goals) sub(ix.goals, g.arm).set(g.goal, g);
  for (const d of s.days) sub(ix.days, d.arm).set(d.day, d.visitors);
  for (const d of s.goalDays) sub(ix.goalDays, `${d.arm}\n${d.goal}`).set(d.day, d.converters);
  for (const v of s.vitals) sub(ix.vitals, v.arm).set(v.metric, v.bins);
  return ix;
}

function rate(visitors: number, g: GoalRow | undefined): RateStat {
  const x = g?.converters ?? 0;
  return { visitors, converters: x, conversions: g?.conversions ?? 0, value: g?.value ?? 0, rate: visitors > 0 ? x / visitors : null, ci: wilson(x, visitors) };
}

function lift(t: RateStat, c: RateStat): LiftStat {
  const l = relativeLift(t.converters, t.visitors, c.converters, c.visitors);
  if (!l) return { estimate: t.rate !== null && c.rate ? t.rate / c.rate - 1 : null, ci: null, verdict: 'insufficient' };
  return { estimate: l.estimate, ci: l.ci, verdict: l.ci.lo > 0 ? 'better' : l.ci.hi < 0 ? 'worse' : 'inconclusive' };
}

function vital(bins: [number, number][] | undefined): VitalStat {
  return bins ? { n: sketchCount(bins), p75: sketchQuantile(bins, 0.75), ci: sketchQuantileInterval(bins, 0.75) } : { n: 0, p75: null, ci: null };
}

function armReport(ix: Index, arm: string, goals: string[]): ArmReport {
  const row = ix.arms.get(arm);
  const visitors = row?.visitors ?? 0;
  const out: ArmReport = { arm, visitors, exposures: row?.exposures ?? 0, timeouts: row?.timeouts ?? 0, goals: {}, vitals: {} };
  for (const g of goals) put(out.goals, g, rate(visitors, ix.goals.get(arm)?.get(g)));
  // Vitals of an arm no visitor was counted on (samples whose exposure was refused) describe
  // no one the report counts: left out, so no guardrail compares against them.
  const v = visitors > 0 ? ix.vitals.get(arm) : undefined;
  for (const m of METRICS) if (v?.has(m)) out.vitals[m] = vital(v.get(m));
  return out;
}

function guardrails(v: ArmReport, holdout: ArmReport): Guardrail[] {
  return METRICS.filter((m) => v.vitals[m]).map((metric) => {
    const a = v.vitals[metric]!;
    const b = holdout.vitals[metric] ?? vital(undefined);
    const change = a.p75 !== null && b.p75 ? a.p75 / b.p75 - 1 : null;
    const status = !a.ci || !b.ci ? 'insufficient' : a.ci.lo > b.ci.hi ? 'worse' : 'ok';
    return { metric, variant: a, holdout: b, change, status };
  });
}

const isoDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Cumulative visitors and converters of each arm at the end of every day any of them has data. */
function timeline(ix: Index, control: string, variants: [string, string][], goal: string): RuleReport['timeline'] {
  const all = [control, ...variants.map(([, a]) => a)];
  const days = new Set<number>();
  for (const a of all) for (const d of [...(ix.days.get(a)?.keys() ?? []), ...(ix.goalDays.get(`${a}\n${goal}`)?.keys() ?? [])]) days.add(d);
  if (days.size === 0) return null;
  const sorted = [...days].sort((x, y) => x - y);
  const series = (arm: string): RateStat[] => {
    let n = 0;
    let x = 0;
    return sorted.map((d) => {
      n += ix.days.get(arm)?.get(d) ?? 0;
      x += ix.goalDays.get(`${arm}\n${goal}`)?.get(d) ?? 0;
      return rate(n, { arm, goal, converters: x, conversions: 0, value: 0 });
    });
  };
  const point = (r: RateStat, i: number, c?: RateStat): TimelinePoint => ({
    day: isoDay(sorted[i]!), visitors: r.visitors, converters: r.converters, rate: r.rate, lift: c ? lift(r, c) : null,
  });
  const cs = series(control);
  const out: NonNullable<RuleReport['timeline']> = { goal, control: cs.map((r, i) => point(r, i)), variants: {} };
  for (const [id, arm] of variants) put(out.variants, id, series(arm).map((r, i) => point(r, i, cs[i])));
  return out;
}

function ruleReport(ix: Index, slot: string, rule: string, compiled: CompiledRule | undefined, slotGoals: string[], holdout: ArmReport, share: number, pick?: string): RuleReport {
  const primary = pick ?? compiled?.goal;
  const goals = primary ? [primary, ...slotGoals.filter((g) => g !== primary)] : slotGoals;
  const own = ruleHoldoutArm(slot, rule);
  const control = (ix.arms.get(own)?.visitors ?? 0) > 0
    ? { kind: 'rule-holdout' as const, arm: armReport(ix, own, goals) }
    : { kind: 'slot-holdout' as const, arm: armReport(ix, holdout.arm, goals) };
  const configured = new Map(compiled?.variants.map((v) => [v.id, v]) ?? []);
  const ids = new Set(configured.keys());
  for (const a of ix.bySlot.get(slot)?.get(rule) ?? []) if (a.variant !== RULE_HOLDOUT) ids.add(a.variant);
  const variants: VariantReport[] = [...ids].map((variant) => {
    const cv = configured.get(variant);
    const base = armReport(ix, `${slot}:${rule}:${variant}`, goals);
    const lifts: Record<string, LiftStat> = {};
    for (const g of goals) put(lifts, g, lift(base.goals[g]!, control.arm.goals[g]!));
    const gr = guardrails(base, holdout);
    return { ...base, variant, weight: cv?.weight ?? null, inRules: cv !== undefined, lift: lifts, guardrails: gr, guardrailFlag: gr.some((x) => x.status === 'worse') };
  });
  const inRules = variants.filter((v) => v.inRules);
  let srm = inRules.length > 1 && compiled?.learn !== 'bandit'
    ? srmCheck(inRules.map((v) => v.variant), inRules.map((v) => v.visitors), inRules.map((v) => v.weight!))
    : null;
  // With a rule-level holdout, the holdout share of the rule's visitors is checkable too.
  if (!srm && control.kind === 'rule-holdout' && share > 0) {
    srm = srmCheck(['holdout', 'rule'], [control.arm.visitors, variants.reduce((s, v) => s + v.visitors, 0)], [share, 1 - share]);
  }
  const goal = goals[0] ?? null;
  return {
    rule, inRules: compiled !== undefined, learn: compiled?.learn ?? 'fixed', goal, goals, control, variants, srm,
    timeline: goal ? timeline(ix, control.arm.arm, variants.map((v) => [v.variant, v.arm]), goal) : null,
  };
}

function slotReport(ix: Index, slot: string, rules: CompiledRules | undefined, declared: ReadonlySet<string>, pick?: string): SlotReport {
  const byRule = ix.bySlot.get(slot) ?? new Map<string, ArmRow[]>();
  const arms = [...byRule.values()].flat().filter((a) => a.variant !== RULE_HOLDOUT);
  // The slot's goals (those the rules file declares), most converted first.
  const conv = new Map<string, number>();
  for (const a of arms) for (const g of ix.goals.get(a.arm)?.values() ?? []) if (declared.has(g.goal)) conv.set(g.goal, (conv.get(g.goal) ?? 0) + g.converters);
  const goals = [...conv.keys()].sort((a, b) => conv.get(b)! - conv.get(a)! || a.localeCompare(b));
  const holdout = armReport(ix, holdoutArm(slot), goals);
  const visitors = ix.slotVisitors.get(slot) ?? 0;
  const share = rules?.holdout ?? 0;
  const compiled = new Map((rules?.slots.get(slot) ?? []).map((r) => [r.id, r]));
  const ruleIds = new Set(compiled.keys());
  for (const rule of byRule.keys()) if (rule !== '-') ruleIds.add(rule);
  return {
    slot, visitors,
    exposures: arms.reduce((s, a) => s + a.exposures, 0),
    timeouts: arms.reduce((s, a) => s + a.timeouts, 0),
    holdout,
    holdoutSrm: share > 0 && visitors > 0 ? srmCheck(['holdout', 'rest'], [holdout.visitors, visitors - holdout.visitors], [share, 1 - share]) : null,
    rules: [...ruleIds].map((r) => ruleReport(ix, slot, r, compiled.get(r), goals, holdout, share, pick)),
    other: arms.filter((a) => a.rule === '-' && a.variant !== 'holdout').map((a) => ({ ...armReport(ix, a.arm, goals), outcome: a.variant })),
  };
}

/** Options of {@link buildReport}. */
export interface ReportOptions {
  /** Judge every rule on this goal instead of its own (or the slot's most converted). */
  goal?: string;
}

/** Builds the report one slot at a time, yielding between slots; returns the report. */
function* reportSteps(snap: StatsSnapshot, rules: CompiledRules | undefined, site: string, now: number, opts: ReportOptions): Generator<void, Report> {
  const ix = index(snap);
  const ids = new Set(rules?.slots.keys() ?? []);
  for (const slot of ix.bySlot.keys()) ids.add(slot);
  // Only goals the rules file declares are counted: any other name is whatever a caller sent.
  const declared = new Set(rules?.goals ?? []);
  const slots: SlotReport[] = [];
  for (const slot of ids) {
    const s = slotReport(ix, slot, rules, declared, opts.goal);
    slots.push(s);
    yield;
    for (const r of s.rules) {
      const compiled = rules?.slots.get(slot)?.find((c) => c.id === r.rule);
      if (compiled?.learn !== 'bandit') continue;
      r.bandit = banditReport(compiled, snap);
      yield;
    }
  }
  return {
    site,
    rulesVersion: rules?.version ?? null,
    generatedAt: new Date(now).toISOString(),
    confidence: 0.95,
    holdoutShare: rules?.holdout ?? 0,
    goals: [...new Set(snap.goals.map((g) => g.goal))].filter((g) => declared.has(g)).sort(),
    notes: REPORT_NOTES,
    slots,
  };
}

/** The report of a site: pure, from the store's snapshot and the rules in force. */
export function buildReport(snap: StatsSnapshot, rules: CompiledRules | undefined, site: string, now: number, opts: ReportOptions = {}): Report {
  const steps = reportSteps(snap, rules, site, now, opts);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Gives the event loop a turn (other requests, a decide, run in between). */
const macrotask = (): Promise<void> => new Promise((ok) => setTimeout(ok, 0));

/**
 * {@link buildReport}, handing the event loop back whenever it has worked `sliceMs`
 * without a pause (between slots), so decide never waits long behind a large report
 * (on Node, where both share one thread).
 */
export async function buildReportInSlices(
  snap: StatsSnapshot, rules: CompiledRules | undefined, site: string, now: number, opts: ReportOptions = {},
  sliceMs = 5, pause: () => Promise<void> = macrotask,
): Promise<Report> {
  const steps = reportSteps(snap, rules, site, now, opts);
  let since = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - since >= sliceMs) {
      await pause();
      since = performance.now();
    }
  }
}
