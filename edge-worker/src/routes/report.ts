import { Hono, type Context } from 'hono';
import type { AppOptions } from '../app-options.ts';
import { ApiError } from '../http/errors.ts';
import { storeFailure } from './events.ts';
import { buildReportInSlices } from '../stats/report.ts';
import { reportCsv } from '../stats/report-csv.ts';
import { reportHtml } from '../stats/report-html.ts';
import type { Report } from '../stats/report-types.ts';

/**
 * `GET /v1/report` (JSON; `?format=csv` or `/v1/report.csv` for CSV) and `GET /report`
 * (the page): per slot and rule, conversion rates and lift over the holdout with 95 %
 * intervals, the split check and web-vitals guardrails. Read fresh on every request.
 * `?goal=` judges every rule on one goal.
 */
export function reportRoutes(opts: AppOptions): Hono {
  const now = opts.now ?? Date.now;
  const load = async (c: Context): Promise<Report> => {
    const rules = opts.rules.current();
    if (!rules) throw new ApiError(503, 'no_rules', 'no valid rules file is loaded on this edge yet');
    if (!opts.stats) throw new ApiError(503, 'no_stats', 'this edge has no stats store configured, so there is nothing to report');
    const site = c.req.query('site');
    if (site !== undefined && site !== rules.site) throw new ApiError(404, 'unknown_site', `site "${site.slice(0, 100)}" is not served here (this edge serves "${rules.site}")`, 'site');
    const goal = c.req.query('goal')?.slice(0, 100) || undefined;
    c.header('Cache-Control', 'no-store');
    const snap = await opts.stats.snapshot(rules.site).catch((err: unknown) => {
      throw storeFailure(err);
    });
    return buildReportInSlices(snap, rules, rules.site, now(), goal ? { goal } : {});
  };
  const csv = async (c: Context): Promise<Response> => {
    const r = await load(c);
    return c.body(reportCsv(r), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="kairos-report-${r.site}.csv"` });
  };
  return new Hono()
    .get('/v1/report', async (c) => (c.req.query('format') === 'csv' ? csv(c) : c.json(await load(c))))
    .get('/v1/report.csv', csv)
    .get('/report', async (c) => {
      const r = await load(c);
      return c.html(reportHtml(r, c.req.query('goal')?.slice(0, 100) || undefined));
    });
}
