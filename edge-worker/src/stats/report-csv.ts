import type { Report } from './report-types.ts';

const COLUMNS = [
  'slot', 'rule', 'arm', 'control', 'goal', 'visitors', 'exposures', 'converters', 'conversions', 'value', 'rate', 'rate_lo', 'rate_hi',
  'lift', 'lift_lo', 'lift_hi', 'verdict', 'srm_p', 'srm_flag', 'lcp_p75', 'cls_p75', 'inp_p75', 'guardrail_flag',
] as const;

type Cell = string | number | boolean | null | undefined;

const NONE = { converters: 0, conversions: 0, value: 0, rate: null, ci: null } as const;

/**
 * Where a spreadsheet could start a formula (OWASP, CSV injection): `= + - @`, tab or CR
 * at the start of a cell, or right after a character some spreadsheet splits cells at
 * (`,` `;` tab, CR, LF: a locale with `;` as separator ignores our quotes).
 */
const FORMULA_START = /(?<=^|[,;\t\r\n])(?=[=+\-@\t\r])/g;

/**
 * One CSV field: text that a spreadsheet would run as a formula is defused with a `'`
 * (a lone `-`, the report's own "no rule", is text everywhere), then quoted when it
 * holds a separator, a quote or a line break. Numbers are written as numbers.
 */
function field(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'string') return String(v);
  const s = v === '-' ? v : v.replace(FORMULA_START, "'");
  return /[",;\t\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** `GET /v1/report.csv`: one row per slot, rule, arm (variants and their control) and goal. */
export function reportCsv(r: Report): string {
  const rows: Cell[][] = [[...COLUMNS]];
  for (const s of r.slots) {
    for (const rule of s.rules) {
      // A rule without conversions yet still gets its visitors written (goal left empty).
      for (const goal of rule.goals.length ? rule.goals : ['']) {
        const c = rule.control.arm;
        const cg = c.goals[goal] ?? NONE;
        rows.push([s.slot, rule.rule, 'holdout', rule.control.kind, goal, c.visitors, c.exposures, cg.converters, cg.conversions, cg.value,
          cg.rate, cg.ci?.lo, cg.ci?.hi, null, null, null, 'control', rule.srm?.p, rule.srm?.flagged,
          s.holdout.vitals.LCP?.p75, s.holdout.vitals.CLS?.p75, s.holdout.vitals.INP?.p75, null]);
        for (const v of rule.variants) {
          const g = v.goals[goal] ?? NONE;
          const l = v.lift[goal] ?? { estimate: null, ci: null, verdict: goal ? 'insufficient' : null };
          rows.push([s.slot, rule.rule, v.variant, null, goal, v.visitors, v.exposures, g.converters, g.conversions, g.value,
            g.rate, g.ci?.lo, g.ci?.hi, l.estimate, l.ci?.lo, l.ci?.hi, l.verdict, rule.srm?.p, rule.srm?.flagged,
            v.vitals.LCP?.p75, v.vitals.CLS?.p75, v.vitals.INP?.p75, v.guardrailFlag]);
        }
      }
    }
    // Default content for other reasons (no-match, cap, timeout …): visitors and conversions, no comparison.
    for (const o of s.other) {
      for (const goal of Object.keys(o.goals).length ? Object.keys(o.goals) : ['']) {
        const g = o.goals[goal] ?? NONE;
        rows.push([s.slot, '-', o.outcome, null, goal, o.visitors, o.exposures, g.converters, g.conversions, g.value, g.rate, g.ci?.lo, g.ci?.hi,
          null, null, null, null, null, null, o.vitals.LCP?.p75, o.vitals.CLS?.p75, o.vitals.INP?.p75, null]);
      }
    }
  }
  return rows.map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
