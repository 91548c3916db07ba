// The web-vitals chunk (kairos-vitals.js), loaded after the first decisions and only
// with analytics consent; it does not count in the core's size budget.
import { onCLS, onINP, onLCP, type Metric } from 'web-vitals';

/** Reports LCP, CLS and INP once each is final (web-vitals reports them when the page is hidden). */
export default function vitals(report: (name: 'LCP' | 'CLS' | 'INP', value: number) => void): void {
  const r = (m: Metric): void => report(m.name as 'LCP' | 'CLS' | 'INP', m.value);
  onLCP(r);
  onCLS(r);
  onINP(r);
}
