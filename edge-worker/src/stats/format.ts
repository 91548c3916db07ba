/** Escapes text for HTML element content and attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A rate as a percentage, `–` when unknown. */
export function pct(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : `${(x * 100).toFixed(digits)} %`;
}

/** A lift as a signed percentage. */
export function signedPct(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x * 100).toFixed(digits)} %`;
}

/** A web-vitals value in its unit: CLS unitless, LCP and INP in ms. */
export function vitalValue(metric: string, v: number | null | undefined): string {
  if (v === null || v === undefined) return '–';
  return metric === 'CLS' ? v.toFixed(3) : `${Math.round(v)} ms`;
}
