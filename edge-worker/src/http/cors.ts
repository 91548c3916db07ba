import type { MiddlewareHandler } from 'hono';
import type { RulesSource } from '../app-options.ts';

const PREFLIGHT = {
  'Access-Control-Max-Age': '86400',
  'Access-Control-Allow-Methods': 'GET,POST,OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type',
};

/** Whether a browser on `origin` may read the answers of the edge at `selfUrl`: the site's own origins and the edge's. */
export function corsAllows(rules: RulesSource, origin: string, selfUrl: string): boolean {
  if (rules.current()?.origins.includes(origin)) return true;
  try {
    return new URL(selfUrl).origin === origin;
  } catch {
    return false;
  }
}

/**
 * CORS for the /v1 API, the one place it is decided: the rules file's `origins` and the
 * edge's own origin, read per request so a rules reload changes them without a restart.
 * Preflights are answered here; every other /v1 answer, errors and 404s included, gets
 * the headers on its way out.
 */
export function siteCors(rules: RulesSource): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    const allowed = origin !== undefined && corsAllows(rules, origin, c.req.url);
    if (c.req.method === 'OPTIONS') {
      const headers: Record<string, string> = { ...PREFLIGHT, Vary: 'Origin, Access-Control-Request-Headers' };
      if (allowed) headers['Access-Control-Allow-Origin'] = origin;
      return c.body(null, 204, headers);
    }
    await next();
    let res = c.res;
    try {
      res.headers.append('Vary', 'Origin');
    } catch {
      // Immutable headers (a response passed through from elsewhere): copy it once.
      res = c.res = new Response(res.body, res);
      res.headers.append('Vary', 'Origin');
    }
    if (allowed) res.headers.set('Access-Control-Allow-Origin', origin);
  };
}
