/**
 * The report's two charts as inline SVG strings: no script, no CDN, nothing to
 * load, and readable without colour (values are printed, intervals are drawn).
 */
import type { Interval } from './intervals.ts';
import { esc, pct, signedPct } from './format.ts';

/** Colours of the holdout and of variants, in order. */
export const HOLDOUT_COLOUR = '#6b7280';
export const VARIANT_COLOURS = ['#2563eb', '#d97706', '#059669', '#db2777', '#7c3aed', '#0891b2'];
export const variantColour = (i: number): string => VARIANT_COLOURS[i % VARIANT_COLOURS.length]!;

/** A bar of the rate chart. */
export interface Bar {
  label: string;
  rate: number | null;
  ci: Interval | null;
  colour: string;
}

const f = (n: number): string => (Math.round(n * 10) / 10).toString();

/** What stands in for a chart with no points: its title and "no data yet", never empty axes. */
export function noDataChart(title: string): string {
  return `<div class="chart nodata" role="img" aria-label="${esc(title)}: no data yet"><b>${esc(title)}</b><br>no data yet</div>`;
}

/** A round step (1, 2 or 5 × 10^k) that cuts `span` into about `parts` pieces. */
export function niceStep(span: number, parts: number): number {
  const raw = span / parts;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const r = raw / mag;
  return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * mag;
}

/** Horizontal bars of conversion rate with 95 % interval whiskers. */
export function rateChart(bars: Bar[], title: string): string {
  if (bars.every((b) => b.rate === null)) return noDataChart(title);
  const w = 560;
  const left = 150;
  const right = 70;
  const row = 30;
  const h = bars.length * row + 30;
  const top = Math.max(0.01, ...bars.map((b) => b.ci?.hi ?? b.rate ?? 0));
  const step = niceStep(top, 4);
  const max = Math.ceil(top / step) * step;
  const x = (v: number): number => left + (v / max) * (w - left - right);
  const ticks = Array.from({ length: Math.round(max / step) + 1 }, (_, i) => i * step);
  let out = `<svg class="chart" viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title>`;
  const digits = step < 0.01 ? 1 : 0;
  for (const t of ticks) out += `<line x1="${f(x(t))}" x2="${f(x(t))}" y1="4" y2="${h - 22}" class="grid"/><text x="${f(x(t))}" y="${h - 6}" class="tick" text-anchor="middle">${pct(t, digits)}</text>`;
  bars.forEach((b, i) => {
    const y = 8 + i * row;
    out += `<text x="${left - 8}" y="${y + 15}" text-anchor="end" class="label">${esc(b.label)}</text>`;
    if (b.rate !== null) out += `<rect x="${left}" y="${y + 3}" width="${f(Math.max(1, x(b.rate) - left))}" height="18" fill="${b.colour}" opacity="0.85"/>`;
    if (b.ci) {
      const [lo, hi] = [f(x(b.ci.lo)), f(x(b.ci.hi))];
      out += `<path d="M${lo} ${y + 12}H${hi}M${lo} ${y + 6}V${y + 18}M${hi} ${y + 6}V${y + 18}" class="whisker"/>`;
    }
    out += `<text x="${f(x(b.ci?.hi ?? b.rate ?? 0) + 6)}" y="${y + 15}" class="value">${pct(b.rate)}</text>`;
  });
  return out + '</svg>';
}

/** A series of the lift chart: the cumulative lift and its interval per day. */
export interface LiftSeries {
  label: string;
  colour: string;
  points: ({ estimate: number | null; ci: Interval | null } | null)[];
}

/** Cumulative relative lift over time, a band for each 95 % interval, a dashed zero line. */
export function liftChart(days: string[], series: LiftSeries[], title: string): string {
  const w = 560;
  const h = 220;
  const [left, right, top, bottom] = [52, 16, 12, 34];
  const vals = series.flatMap((s) => s.points.flatMap((p) => (p?.ci ? [p.ci.lo, p.ci.hi] : p?.estimate != null ? [p.estimate] : [])));
  if (vals.length === 0) return noDataChart(title);
  // Round limits; intervals of the first thin days are clipped to −100 % … +300 %.
  const rawLo = Math.max(-1, Math.min(0, ...vals));
  const rawHi = Math.min(3, Math.max(0.1, ...vals));
  const step = niceStep(rawHi - rawLo, 4);
  const lo = Math.floor(rawLo / step) * step;
  const hi = Math.ceil(rawHi / step) * step;
  const span = hi - lo;
  const x = (i: number): number => left + (days.length > 1 ? (i / (days.length - 1)) * (w - left - right) : (w - left - right) / 2);
  const y = (v: number): number => top + ((hi - Math.min(hi, Math.max(lo, v))) / span) * (h - top - bottom);
  let out = `<svg class="chart" viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title>`;
  const ticks = Array.from({ length: Math.round(span / step) + 1 }, (_, i) => lo + i * step);
  for (const t of ticks) out += `<line x1="${left}" x2="${w - right}" y1="${f(y(t))}" y2="${f(y(t))}" class="grid"/><text x="${left - 6}" y="${f(y(t) + 4)}" text-anchor="end" class="tick">${signedPct(t, 0)}</text>`;
  out += `<line x1="${left}" x2="${w - right}" y1="${f(y(0))}" y2="${f(y(0))}" class="zero"/>`;
  const every = Math.max(1, Math.ceil(days.length / 6));
  days.forEach((d, i) => {
    if (i % every === 0 || i === days.length - 1) out += `<text x="${f(x(i))}" y="${h - 12}" text-anchor="middle" class="tick">${esc(d.slice(5))}</text>`;
  });
  series.forEach((s, i) => {
    out += `<rect x="${left + 8 + i * 90}" y="${top + 2}" width="10" height="10" fill="${s.colour}"/><text x="${left + 22 + i * 90}" y="${top + 11}" class="label">${esc(s.label)}</text>`;
  });
  for (const s of series) {
    const pts = s.points.map((p, i) => [i, p] as const).filter(([, p]) => p?.ci);
    if (pts.length > 1) {
      const upper = pts.map(([i, p]) => `${f(x(i))},${f(y(p!.ci!.hi))}`);
      const lower = pts.map(([i, p]) => `${f(x(i))},${f(y(p!.ci!.lo))}`).reverse();
      out += `<polygon points="${[...upper, ...lower].join(' ')}" fill="${s.colour}" opacity="0.15"/>`;
    } else for (const [i, p] of pts) out += `<path d="M${f(x(i))} ${f(y(p!.ci!.lo))}V${f(y(p!.ci!.hi))}" stroke="${s.colour}" stroke-width="6" opacity="0.25"/>`;
    const line = s.points.map((p, i) => (p?.estimate != null ? `${f(x(i))},${f(y(p.estimate))}` : '')).filter(Boolean);
    if (line.length > 1) out += `<polyline points="${line.join(' ')}" fill="none" stroke="${s.colour}" stroke-width="2"/>`;
    for (const pt of line) out += `<circle cx="${pt.split(',')[0]}" cy="${pt.split(',')[1]}" r="2.5" fill="${s.colour}"/>`;
  }
  return out + '</svg>';
}
