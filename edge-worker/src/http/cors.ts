import type { Context, Handler, MiddlewareHandler } from 'hono';
import type { RulesSource } from '../app-options.ts';

const PREFLIGHT = {
  'Access-Control-Max-Age': '86400',
  'Access-Control-Allow-Methods': 'GET,POST,OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type',
};

type HeaderRecord = Record<string, string>;

/**
 * CORS for the site's own origins only (the rules file's `origins`, and the edge's own
 * origin), read per request so a rules reload changes them without a restart. Every
 * /v1 answer carries them, error answers included.
 *
 * Decide, the hot route, has no middleware in front: Hono calls a route that has one
 * handler directly, while a middleware makes it compose a chain of promises, and in
 * workerd that chain cost decide a tenth of its throughput. So decide sets the headers
 * itself (asking `allows`), the app's error and not-found handlers use `apply`, and the
 * other /v1 routes get `middleware`.
 */
export class SiteCors {
  constructor(private readonly rules: RulesSource) {}

  /**
   * Whether a browser on `origin` may read the answers of the edge at `selfUrl`
   * (a function: read only when the origin is not one of the site's).
   */
  allows(origin: string, selfUrl: string | (() => string)): boolean {
    if (this.rules.current()?.origins.includes(origin)) return true;
    try {
      return new URL(typeof selfUrl === 'string' ? selfUrl : selfUrl()).origin === origin;
    } catch {
      return false;
    }
  }

  /** `headers` and the CORS headers for a request from `origin`, in one plain object. */
  headersWith(origin: string | null | undefined, selfUrl: string, headers: HeaderRecord): HeaderRecord {
    return origin && this.allows(origin, selfUrl)
      ? { ...headers, Vary: 'Origin', 'Access-Control-Allow-Origin': origin }
      : { ...headers, Vary: 'Origin' };
  }

  /** `res` with the request's CORS headers (a copy when its headers are immutable). */
  apply(c: Context, res: Response): Response {
    const headers = this.headersWith(c.req.raw.headers.get('origin'), c.req.url, {});
    try {
      for (const k in headers) res.headers.set(k, headers[k]!);
      return res;
    } catch {
      // Immutable headers (a response passed through from elsewhere): copy it once.
      const copy = new Response(res.body, res);
      for (const k in headers) copy.headers.set(k, headers[k]!);
      return copy;
    }
  }

  /** Answers a preflight, whatever the path: allowed origins get the methods and headers. */
  readonly preflight: Handler = (c) => {
    const headers = this.headersWith(c.req.raw.headers.get('origin'), c.req.url, PREFLIGHT);
    return c.body(null, 204, { ...headers, Vary: 'Origin, Access-Control-Request-Headers' });
  };

  /** For the /v1 routes that are not hot: the headers go on whatever the route answered. */
  readonly middleware: MiddlewareHandler = async (c, next) => {
    await next();
    const res = this.apply(c, c.res);
    if (res !== c.res) c.res = res;
  };
}
