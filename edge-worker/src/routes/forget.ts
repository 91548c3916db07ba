import { Hono } from '../http/hono.ts';
import { checkSpec, str, strictObj } from '../http/spec/index.ts';
import { jsonPath } from '../http/json-path.ts';
import { MAX_ID_LENGTH, MAX_VISITOR_LENGTH } from '../protocol/limits.ts';
import type { AppOptions } from '../app-options.ts';
import { readJsonBody } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import { callerOf, checkOrigin, limited, requireKeys, storeFailure } from './events.ts';

/** A forget body is two short strings. */
const FORGET_MAX_BYTES = 1024;

const FORGET_REQUEST = strictObj({ site: str(MAX_ID_LENGTH, 1), visitor: str(MAX_VISITOR_LENGTH, 1) });

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
    const { value, issues } = checkSpec(FORGET_REQUEST, await readJsonBody(c.req.raw, FORGET_MAX_BYTES));
    const issue = issues[0];
    if (issue) {
      const path = jsonPath(issue.path);
      throw new ApiError(400, 'invalid_forget', `${path}: ${issue.message}; send {"site": "…", "visitor": "…"}`, path);
    }
    const { site, visitor } = value as { site: string; visitor: string };
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
