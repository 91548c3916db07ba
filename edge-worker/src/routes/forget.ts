import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppOptions } from '../app-options.ts';
import { readJsonBody } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import { callerOf, checkOrigin, limited, requireKeys, storeFailure } from './events.ts';

/** A forget body is two short strings. */
const FORGET_MAX_BYTES = 1024;

const ForgetSchema = v.strictObject({
  site: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  visitor: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
});

/**
 * `POST /v1/forget {site, visitor}`: deletes every row the stats keep for that visitor
 * (found by the keyed hash of its id). Knowing the id is the authority: it is a random
 * value only the visitor's device holds. Origin-checked and rate-limited like events;
 * the aggregates, which name no one, stay.
 */
export function forgetRoutes(opts: AppOptions): Hono {
  const now = opts.now ?? Date.now;
  return new Hono().post('/v1/forget', async (c) => {
    const rules = opts.rules.current();
    if (!rules) throw new ApiError(503, 'no_rules', 'no valid rules file is loaded on this edge yet');
    checkOrigin(c.req.header('origin'), c.req.url, rules, 'forget calls');
    const parsed = v.safeParse(ForgetSchema, await readJsonBody(c.req.raw, FORGET_MAX_BYTES));
    if (!parsed.success) {
      const key = parsed.issues[0].path?.[0]?.key;
      const path = typeof key === 'string' ? `$.${key}` : '$';
      throw new ApiError(400, 'invalid_forget', `${path}: ${parsed.issues[0].message}; send {"site": "…", "visitor": "…"}`, path);
    }
    const { site, visitor } = parsed.output;
    if (site !== rules.site) throw new ApiError(404, 'unknown_site', `site "${site}" is not served here (this edge serves "${rules.site}")`, '$.site');
    c.header('Cache-Control', 'no-store');
    if (!opts.stats) return c.json({ deleted: 0, stored: false });
    const caller = await callerOf(c, opts, requireKeys(opts), site, visitor, now());
    const r = await opts.stats.forget(caller).catch((err: unknown) => {
      throw storeFailure(err);
    });
    return r.ok ? c.json({ deleted: r.deleted }) : limited(c, visitor, r.retryAfter);
  });
}
