import type { MiddlewareHandler } from 'hono';
import type { RulesSource } from '../app-options.ts';

const ALLOW_METHODS = 'GET,POST,OPTIONS';
const ALLOW_HEADERS = 'Content-Type';
const MAX_AGE = '86400';

/**
 * CORS for the site's own origins only (the rules file's `origins`), read per
 * request so a rules reload changes them without a restart.
 *
 * Every header is set before the route runs, never on the finished response:
 * changing a finished response makes Hono copy it, and on Node it also turns the
 * server's lightweight response into a full one (that alone cost decide a sixth
 * of its throughput). Error responses made in `onError` carry the headers too.
 */
export function siteCors(rules: RulesSource): MiddlewareHandler {
  const allowed = (origin: string, selfUrl: string): boolean => {
    if (rules.current()?.origins.includes(origin)) return true;
    try {
      return new URL(selfUrl).origin === origin;
    } catch {
      return false;
    }
  };
  return async (c, next) => {
    const origin = c.req.header('origin');
    c.header('Vary', 'Origin');
    const ok = origin !== undefined && origin !== '' && allowed(origin, c.req.url);
    if (ok) c.header('Access-Control-Allow-Origin', origin);
    if (c.req.method !== 'OPTIONS') return next();
    // A preflight: answered here, whatever the route.
    c.header('Access-Control-Max-Age', MAX_AGE);
    c.header('Access-Control-Allow-Methods', ALLOW_METHODS);
    c.header('Access-Control-Allow-Headers', ALLOW_HEADERS);
    c.header('Vary', 'Access-Control-Request-Headers', { append: true });
    return c.body(null, 204);
  };
}
