import { Hono } from 'hono';
import { isbot } from 'isbot';
import type { AppOptions } from '../app-options.ts';
import { readJsonBody } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import { parseEventsRequest } from '../http/events-request.ts';
import { gpcOptOut } from '../http/gpc.ts';
import { StatsStoreError } from '../adapters/workerd/do-store.ts';
import { DEFAULT_RATE_LIMIT } from '../stats/rate-limit.ts';
import { StatsInputError } from '../stats/sql-stats.ts';
import type { CompiledRules } from '../engine/types.ts';

/** The events body limit of the contract: 64 KB. */
export const EVENTS_MAX_BYTES = 64 * 1024;

/**
 * A failing stats store is the edge's problem, not the caller's: 503 (the SDK keeps
 * the batch and sends it again later). A batch the store refuses as malformed is a 400.
 */
export function storeFailure(err: unknown): ApiError {
  if (err instanceof StatsInputError || (err instanceof StatsStoreError && err.status === 422)) {
    return new ApiError(400, 'invalid_events', err.message);
  }
  console.error('kairos: stats store failed', err instanceof Error ? err.message : String(err));
  return new ApiError(503, 'stats_unavailable', 'the stats store is not available right now; nothing was stored, send again later');
}

/**
 * Browsers send Origin on every POST: it must be the edge itself or one of the site's
 * origins. No Origin (a server, a test) is let through: a browser cannot leave it out.
 */
function checkOrigin(origin: string | undefined, url: string, rules: CompiledRules): void {
  if (!origin || origin === new URL(url).origin || rules.origins.includes(origin)) return;
  throw new ApiError(403, 'origin_not_allowed', `events from ${origin.slice(0, 200)} are refused: it is not one of the site's origins in the rules file`);
}

/**
 * `POST /v1/events`: batched exposures, conversions, timeouts and web-vitals from the
 * SDK. Checked whole before anything is stored (origin, size, schema, site), bots
 * ignored, each visitor rate-limited; then written in one transaction, where event
 * ids already seen count nothing. 202 with what was accepted.
 */
export function eventsRoutes(opts: AppOptions): Hono {
  const now = opts.now ?? Date.now;
  return new Hono().post('/v1/events', async (c) => {
    const rules = opts.rules.current();
    if (!rules) throw new ApiError(503, 'no_rules', 'no valid rules file is loaded on this edge yet');
    checkOrigin(c.req.header('origin'), c.req.url, rules);
    const body = parseEventsRequest(await readJsonBody(c.req.raw, EVENTS_MAX_BYTES));
    if (body.site !== rules.site) {
      throw new ApiError(404, 'unknown_site', `site "${body.site}" is not served here (this edge serves "${rules.site}")`, '$.site');
    }
    c.header('Cache-Control', 'no-store');
    if (isbot(c.req.header('user-agent'))) return c.json({ accepted: 0, duplicates: 0, stale: 0, ignored: 'bot' }, 202);
    // A visitor with Global Privacy Control on is not tracked: acknowledged, nothing stored.
    if (gpcOptOut(c.req.raw)) return c.json({ accepted: 0, duplicates: 0, stale: 0, ignored: 'gpc' }, 202);
    if (!opts.stats) return c.json({ accepted: body.events.length, stored: false }, 202);
    const r = await opts.stats
      .ingest({ site: body.site, visitor: body.visitor, events: body.events, now: now(), limit: opts.eventsRateLimit ?? DEFAULT_RATE_LIMIT })
      .catch((err: unknown) => {
        throw storeFailure(err);
      });
    if (!r.ok) {
      const err = new ApiError(429, 'rate_limited', `too many events from visitor "${body.visitor.slice(0, 100)}"; nothing was stored, retry after ${r.retryAfter} s`);
      return c.json(err.toJSON(), 429, { 'Retry-After': String(r.retryAfter) });
    }
    return c.json({ accepted: r.accepted, duplicates: r.duplicates, stale: r.stale }, 202);
  });
}
