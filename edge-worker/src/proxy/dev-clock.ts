import { ApiError } from '../http/errors.ts';

/** Dev-only request header: the page's time, epoch ms (e2e journeys fake the browser's clock). */
export const DEV_NOW = 'x-kairos-now';
/** Dev-only request header: the visitor's IANA time zone (what the SDK's `kairos_tz` cookie would say). */
export const DEV_TIMEZONE = 'x-kairos-timezone';

/** Whether `zone` is an IANA time zone this runtime knows. */
export function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The clock a page request asks edge rendering to decide with, for e2e journeys that fake
 * the browser's clock: in proxy mode the edge decides time rules with its own clock, not
 * the page's. Read only when `trust` (dev mode, as `x-kairos-country`): any caller could
 * set these headers, so outside dev they are ignored.
 *
 * @throws ApiError 400 when a header is there but malformed (dev mode only).
 */
export function devClock(req: Request, trust: boolean): { now?: number; zone?: string } {
  if (!trust) return {};
  const now = req.headers.get(DEV_NOW);
  const zone = req.headers.get(DEV_TIMEZONE);
  const bad = now !== null && !/^\d{1,15}$/.test(now) ? `${DEV_NOW} must be epoch milliseconds` : zone !== null && !validZone(zone) ? `${DEV_TIMEZONE} must be an IANA time zone` : '';
  if (bad) throw new ApiError(400, 'bad_dev_header', `${bad}.`);
  return { ...(now !== null ? { now: +now } : {}), ...(zone !== null ? { zone } : {}) };
}
