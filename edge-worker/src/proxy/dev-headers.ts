import { ApiError } from '../http/errors.ts';

/** Whether `zone` is an IANA time zone this runtime knows. */
export function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The dev-only headers and what each must hold. */
const DEV = {
  /** The page's time (e2e journeys fake the browser's clock). */
  now: ['x-kairos-now', 'epoch milliseconds', (v: string) => /^\d{1,15}$/.test(v)],
  /** The visitor's IANA time zone (what the SDK's `kairos_tz` cookie would say). */
  zone: ['x-kairos-timezone', 'an IANA time zone', validZone],
  /** The id of a visitor without the cookie (no consent): the journey's, so the holdout cannot make it flaky. */
  visitor: ['x-kairos-visitor', 'a visitor id', (v: string) => /^[\w.:-]{1,128}$/.test(v)],
} as const;

/**
 * What e2e journeys tell edge rendering about a page request that the edge would otherwise
 * take from its own clock or make up: the time, the time zone, the id of a visitor without
 * the cookie. Read only when `trust` (dev mode, as `x-kairos-country`): any caller could set
 * these headers, so outside dev they are ignored. None of them implies consent.
 *
 * @throws ApiError 400 naming the header when one is there but malformed (dev mode only).
 */
export function devHeaders(req: Request, trust: boolean): { now?: string; zone?: string; visitor?: string } {
  const out: Record<string, string> = {};
  if (trust) {
    for (const [key, [name, what, ok]] of Object.entries(DEV)) {
      const v = req.headers.get(name);
      if (v !== null && !ok(v)) throw new ApiError(400, 'bad_dev_header', `${name} must be ${what}.`);
      if (v !== null) out[key] = v;
    }
  }
  return out;
}
