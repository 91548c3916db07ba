import { noDataChart } from './charts.ts';
import { esc, pct } from './format.ts';

/** One variant's line of the weights chart. */
export interface WeightSeries {
  label: string;
  colour: string;
  /** Its weight (0 … 1) at each day. */
  values: number[];
}

const f = (n: number): string => (Math.round(n * 10) / 10).toString();

/** A bandit segment's weight per variant over time, 0 … 100 %, as inline SVG (values printed at the end). */
export function weightChart(days: string[], series: WeightSeries[], title: string): string {
  if (!series.some((s) => s.values.length > 0)) return noDataChart(title);
  const w = 560;
  const h = 180;
  const [left, right, top, bottom] = [44, 56, 12, 30];
  const x = (i: number): number => left + (days.length > 1 ? (i / (days.length - 1)) * (w - left - right) : (w - left - right) / 2);
  const y = (v: number): number => top + (1 - Math.min(1, Math.max(0, v))) * (h - top - bottom);
  let out = `<svg class="chart" viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title>`;
  for (const t of [0, 0.25, 0.5, 0.75, 1]) out += `<line x1="${left}" x2="${w - right}" y1="${f(y(t))}" y2="${f(y(t))}" class="grid"/><text x="${left - 6}" y="${f(y(t) + 4)}" text-anchor="end" class="tick">${pct(t, 0)}</text>`;
  const every = Math.max(1, Math.ceil(days.length / 6));
  days.forEach((d, i) => {
    if (i % every === 0 || i === days.length - 1) out += `<text x="${f(x(i))}" y="${h - 10}" text-anchor="middle" class="tick">${esc(d.slice(5))}</text>`;
  });
  for (const s of series) {
    const pts = s.values.map((v, i) => `${f(x(i))},${f(y(v))}`);
    if (pts.length > 1) out += `<polyline points="${pts.join(' ')}" fill="none" stroke="${s.colour}" stroke-width="2"/>`;
    for (const p of pts) out += `<circle cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="2.5" fill="${s.colour}"/>`;
    const lastV = s.values[s.values.length - 1];
    if (lastV !== undefined) out += `<text x="${f(x(s.values.length - 1) + 6)}" y="${f(y(lastV) + 4)}" class="value">${esc(s.label)} ${pct(lastV, 0)}</text>`;
  }
  return out + '</svg>';
}
