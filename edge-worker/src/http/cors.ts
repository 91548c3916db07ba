import type { Context, MiddlewareHandler } from 'hono';
import type { RulesSource } from '../app-options.ts';

const PREFLIGHT = {
  'Access-Control-Max-Age': '86400',
  'Access-Control-Allow-Methods': 'GET,POST,OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type',
};

type CorsHeaders = Record<string, string>;
// The CORS headers of each request in flight, for `corsResponse`.
const perRequest = new WeakMap<Request, CorsHeaders>();
// Responses that already carry their CORS headers (built by `corsResponse`).
const carrying = new WeakSet<Response>();

/**
 * CORS for the site's own origins only (the rules file's `origins`), read per
 * request so a rules reload changes them without a restart. Error answers and every
 * other /v1 route get the headers too.
 *
 * The hot route builds its response with its CORS headers in one plain object
 * (`corsResponse`): Hono's header helpers go through a `Headers` object, which on
 * Node costs decide a sixth of its throughput, and changing a finished response
 * makes Hono copy it.
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
    const headers: CorsHeaders = { Vary: 'Origin' };
    if (origin !== undefined && origin !== '' && allowed(origin, c.req.url)) headers['Access-Control-Allow-Origin'] = origin;
    if (c.req.method === 'OPTIONS') {
      // A preflight: answered here, whatever the route.
      return c.body(null, 204, { ...headers, ...PREFLIGHT, Vary: 'Origin, Access-Control-Request-Headers' });
    }
    perRequest.set(c.req.raw, headers);
    await next();
    if (carrying.has(c.res)) return;
    try {
      for (const k in headers) c.res.headers.set(k, headers[k]!);
    } catch {
      // Immutable headers (a response passed through from elsewhere): copy it once.
      c.res = new Response(c.res.body, c.res);
      for (const k in headers) c.res.headers.set(k, headers[k]!);
    }
  };
}

/** A response with `headers` and the request's CORS headers, built in one step. */
export function corsResponse(c: Context, body: string, status: number, headers: Record<string, string>): Response {
  const cors = perRequest.get(c.req.raw);
  const res = new Response(body, { status, headers: cors ? { ...cors, ...headers } : headers });
  carrying.add(res);
  return res;
}
