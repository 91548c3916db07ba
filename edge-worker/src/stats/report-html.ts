/**
 * `/report`: the report as one server-rendered page — inline CSS and SVG, no
 * script, nothing fetched — so it renders in any browser and runs in workerd.
 */
import type { Interval } from './intervals.ts';
import { HOLDOUT_COLOUR, liftChart, rateChart, variantColour } from './charts.ts';
import { esc, pct, signedPct, vitalValue } from './format.ts';
import type { Report, RuleReport, SlotReport, VariantReport } from './report-types.ts';
import type { SrmCheck } from './srm.ts';
import type { BanditReport } from './report-bandit.ts';
import { weightChart } from './weight-chart.ts';

const CSS = `body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1040px;padding:16px 20px 48px;color:#111827;background:#fff}
h1{font-size:22px;margin:8px 0 2px}h2{font-size:19px;margin:32px 0 4px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}h3{font-size:16px;margin:20px 0 4px}
.meta,.note{color:#4b5563;font-size:13px}a{color:#1d4ed8}table{border-collapse:collapse;margin:8px 0;font-size:13px;font-variant-numeric:tabular-nums}
th,td{padding:4px 6px;border-bottom:1px solid #e5e7eb;text-align:right;white-space:nowrap}th:first-child,td:first-child{text-align:left}th{font-weight:600;color:#374151}
.badge{display:inline-block;border-radius:4px;padding:0 6px;font-size:12px;font-weight:600;margin-left:6px}.ok{background:#dcfce7;color:#166534}.bad{background:#fee2e2;color:#991b1b}.mute{background:#f3f4f6;color:#4b5563}
.better{color:#166534;font-weight:600}.worse{color:#991b1b;font-weight:600}.charts{display:flex;flex-wrap:wrap;gap:12px}.chart{width:100%;max-width:500px;height:auto}.scroll{overflow-x:auto}small{color:#6b7280}
.chart .grid{stroke:#e5e7eb}.chart .zero{stroke:#6b7280;stroke-dasharray:4 3}.chart .tick{font-size:11px;fill:#6b7280}.chart .label{font-size:12px;fill:#111827}.chart .value{font-size:11px;fill:#374151}.chart .whisker{stroke:#111827;stroke-width:1.5;fill:none}
.nodata{box-sizing:border-box;min-height:120px;border:1px dashed #d1d5db;border-radius:6px;padding:12px;color:#4b5563;font-size:13px}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;vertical-align:baseline}nav a{margin-right:10px}`;

const ci = (c: Interval | null, fmt: (x: number) => string = (x) => pct(x)): string => (c ? `${fmt(c.lo)} … ${fmt(c.hi)}` : '–');

function srmBadge(srm: SrmCheck | null, what: string): string {
  if (!srm) return '';
  if (srm.p === null) return `<span class="badge mute" title="too few visitors to test">${esc(what)}: too few to test</span>`;
  const title = `chi² = ${srm.chi2!.toFixed(2)}, df = ${srm.df}, p = ${srm.p.toPrecision(2)}; observed ${srm.observed.join(' / ')}, expected ${srm.expected.map((e) => e.toFixed(0)).join(' / ')}`;
  return srm.flagged
    ? `<span class="badge bad" title="${esc(title)}">${esc(what)}: sample-ratio mismatch (p = ${srm.p.toPrecision(2)})</span>`
    : `<span class="badge ok" title="${esc(title)}">${esc(what)}: ok (p = ${srm.p.toPrecision(2)})</span>`;
}

function variantRow(v: VariantReport, goal: string, i: number): string {
  const r = v.goals[goal]!;
  const l = v.lift[goal]!;
  const vit = (m: 'LCP' | 'CLS' | 'INP'): string => {
    const g = v.guardrails.find((x) => x.metric === m);
    if (!g) return '<td>–</td>';
    const cls = g.status === 'worse' ? ' class="worse"' : '';
    return `<td${cls} title="n = ${g.variant.n}; 95 % ${ci(g.variant.ci, (x) => vitalValue(m, x))}; holdout ${vitalValue(m, g.holdout.p75)}">${vitalValue(m, g.variant.p75)} <small>${signedPct(g.change, 0)}</small></td>`;
  };
  return `<tr><td><span class="swatch" style="background:${variantColour(i)}"></span>${esc(v.variant)}${v.inRules ? '' : ' <span class="badge mute">not in rules</span>'}</td>
<td>${v.weight ?? '–'}</td><td>${v.visitors}</td><td>${r.converters}</td><td>${pct(r.rate)} <small>${ci(r.ci)}</small></td>
<td class="${l.verdict}">${signedPct(l.estimate)} <small>${ci(l.ci, (x) => signedPct(x))}</small></td><td class="${l.verdict}">${l.verdict}</td>
${vit('LCP')}${vit('CLS')}${vit('INP')}<td>${v.guardrailFlag ? '<span class="badge bad">worse vitals</span>' : v.guardrails.some((g) => g.status === 'ok') ? '<span class="badge ok">ok</span>' : '–'}</td></tr>`;
}

function ruleSection(slot: SlotReport, r: RuleReport): string {
  const goal = r.goal;
  const control = r.control.kind === 'rule-holdout' ? 'holdout visitors this rule would have matched' : 'every holdout visitor of the slot';
  let out = `<h3>rule ${esc(r.rule)}${r.inRules ? '' : ' <span class="badge mute">no longer in the rules</span>'}${srmBadge(r.srm, 'split')}</h3>`;
  out += `<p class="note">Judged on goal <b>${goal ? esc(goal) : '– (no conversions yet)'}</b>; control: ${control}${r.learn === 'bandit' ? '; bandit weights move, so the split is not checked' : ''}.</p>`;
  if (r.srm?.flagged) out += `<p class="note worse">The split does not match the weights: exposures are being lost or skewed for some variant, so these figures cannot be trusted until that is fixed.</p>`;
  if (!goal) return out;
  const c = r.control.arm.goals[goal]!;
  const bars = [{ label: 'holdout', rate: c.rate, ci: c.ci, colour: HOLDOUT_COLOUR }, ...r.variants.map((v, i) => ({ label: v.variant, rate: v.goals[goal]!.rate, ci: v.goals[goal]!.ci, colour: variantColour(i) }))];
  out += '<div class="charts">' + rateChart(bars, `${slot.slot} / ${r.rule}: conversion rate (${goal}) with 95 % intervals`);
  const t = r.timeline;
  const series = r.variants.map((v, i) => ({ label: v.variant, colour: variantColour(i), points: (t?.variants[v.variant] ?? []).map((p) => p.lift) }));
  out += liftChart(t?.control.map((p) => p.day) ?? [], series, `${slot.slot} / ${r.rule}: cumulative lift over the holdout (${goal})`);
  out += `</div><div class="scroll"><table><tr><th>variant</th><th>weight</th><th>visitors</th><th>converters</th><th>rate <small>95 % interval</small></th><th>lift <small>95 % interval</small></th><th>verdict</th><th>LCP p75</th><th>CLS p75</th><th>INP p75</th><th>vitals</th></tr>`;
  out += `<tr><td><span class="swatch" style="background:${HOLDOUT_COLOUR}"></span>holdout</td><td>–</td><td>${c.visitors}</td><td>${c.converters}</td><td>${pct(c.rate)} <small>${ci(c.ci)}</small></td><td></td><td>control</td>`;
  for (const m of ['LCP', 'CLS', 'INP'] as const) out += `<td>${vitalValue(m, slot.holdout.vitals[m]?.p75)}</td>`;
  out += '<td></td></tr>' + r.variants.map((v, i) => variantRow(v, goal, i)).join('') + '</table></div>';
  if (r.bandit) out += banditSection(slot, r.rule, r.bandit);
  return out;
}

/** Per segment: each variant's posterior mean with its 95 % interval and its weight now; weights over time for the largest. */
function banditSection(slot: SlotReport, rule: string, b: BanditReport): string {
  if (!b.segments.length) return '<p class="note">The bandit has no exposures with a segment yet: it splits equally.</p>';
  let out = `<p class="note">Bandit learning per segment (${b.fields.length ? esc(b.fields.join(' × ')) : 'one segment for everyone'}), on goal <b>${esc(b.goal)}</b>: Beta posterior of each variant's rate, with its 95 % interval, and the weight it gets now.</p><div class="charts">`;
  for (const s of b.segments) {
    // Only the largest segments carry a history (null); one with an empty history says so.
    if (!s.weightsByDay) continue;
    const series = s.arms.map((a, i) => ({ label: a.variant, colour: variantColour(i), values: s.weightsByDay!.map((d) => d.weights[i] ?? 0) }));
    out += weightChart(s.weightsByDay.map((d) => d.day), series, `${slot.slot} / ${rule}, segment ${s.segment}: weights over time`);
  }
  out += '</div><div class="scroll"><table><tr><th>segment</th><th>variant</th><th>exposed</th><th>converters</th><th>posterior mean <small>95 % interval</small></th><th>weight</th></tr>';
  for (const s of b.segments) {
    s.arms.forEach((a, i) => {
      out += `<tr><td>${i === 0 ? esc(s.segment) : ''}</td><td><span class="swatch" style="background:${variantColour(i)}"></span>${esc(a.variant)}</td><td>${a.exposed}</td><td>${a.converters}</td><td>${pct(a.mean)} <small>${pct(a.low)} – ${pct(a.high)}</small></td><td>${pct(a.weight, 0)}</td></tr>`;
    });
  }
  return out + '</table></div>';
}

function slotSection(s: SlotReport): string {
  let out = `<h2>slot ${esc(s.slot)}${srmBadge(s.holdoutSrm, 'holdout share')}</h2>`;
  out += `<p class="meta">${s.visitors} visitors · ${s.exposures} exposures · ${s.holdout.visitors} in the holdout · ${s.timeouts} timeouts</p>`;
  out += s.rules.map((r) => ruleSection(s, r)).join('');
  if (s.other.length) {
    // Their conversions too: a visitor who saw only default content still converts somewhere.
    const goals = Object.keys(s.other[0]!.goals);
    out += `<h3>default content for other reasons</h3><div class="scroll"><table><tr><th>outcome</th><th>visitors</th><th>exposures</th><th>timeouts</th>${goals.map((g) => `<th>${esc(g)} <small>converters</small></th>`).join('')}</tr>`;
    out += s.other.map((o) => `<tr><td>${esc(o.outcome)}</td><td>${o.visitors}</td><td>${o.exposures}</td><td>${o.timeouts}</td>${goals.map((g) => `<td>${o.goals[g]!.converters} <small>${pct(o.goals[g]!.rate)}</small></td>`).join('')}</tr>`).join('') + '</table></div>';
  }
  return out;
}

/** The whole page; `goal` is the goal the report was built for (every rule judged on it), if one was picked. */
export function reportHtml(r: Report, goal?: string): string {
  const q = goal ? `?goal=${encodeURIComponent(goal)}` : '';
  const nav = r.goals.map((g) => (g === goal ? `<b>${esc(g)}</b>` : `<a href="?goal=${encodeURIComponent(g)}">${esc(g)}</a>`)).join(' ');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Kairos report · ${esc(r.site)}</title><style>${CSS}</style></head><body>
<h1>Kairos report · ${esc(r.site)}</h1>
<p class="meta">rules ${esc(r.rulesVersion ?? '–')} · holdout ${pct(r.holdoutShare, 0)} · generated ${esc(r.generatedAt)} · <a href="/v1/report${q}">JSON</a> · <a href="/v1/report.csv${q}">CSV</a></p>
${r.goals.length ? `<nav class="meta">goal: ${goal ? '<a href="/report">each rule’s own</a>' : '<b>each rule’s own</b>'} ${nav}</nav>` : '<p class="note">No conversions yet.</p>'}
${r.slots.map((s) => slotSection(s)).join('\n')}
<h2>How to read this</h2><ul class="note">${r.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>
</body></html>`;
}
