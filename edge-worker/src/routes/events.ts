import { Hono } from 'hono';
import type { AppOptions } from '../app-options.ts';
import { readJsonBody } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import { parseEventsRequest } from '../http/events-request.ts';

/** The events body limit of the contract: 64 KB. */
export const EVENTS_MAX_BYTES = 64 * 1024;

/**
 * `POST /v1/events`: batched exposures, conversions and web-vitals from the SDK.
 * Validated here; aggregation into the stats store comes with the measurement work.
 */
export function eventsRoutes(opts: AppOptions): Hono {
  return new Hono().post('/v1/events', async (c) => {
    const body = parseEventsRequest(await readJsonBody(c.req.raw, EVENTS_MAX_BYTES));
    const rules = opts.rules.current();
    if (rules && body.site !== rules.site) {
      throw new ApiError(404, 'unknown_site', `site "${body.site}" is not served here (this edge serves "${rules.site}")`, '$.site');
    }
    c.header('Cache-Control', 'no-store');
    return c.json({ accepted: body.events.length }, 202);
  });
}
