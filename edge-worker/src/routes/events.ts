import type { Context } from 'hono';
import { Hono } from '../http/hono.ts';
import { isbot } from 'isbot';
import type { AppOptions } from '../app-options.ts';
import { readJsonBody } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import { parseEventsRequest } from '../http/events-request.ts';
import { keysFor, type EdgeKeys } from '../sign/keys.ts';
import { clientKey, visitorKey } from '../sign/visitor-key.ts';
import { gpcOptOut } from '../http/gpc.ts';
import { StatsStoreError } from '../adapters/workerd/do-store.ts';
import { DEFAULT_CLIENT_RATE_LIMIT, DEFAULT_RATE_LIMIT } from '../stats/rate-limit.ts';
import { RecentRules } from '../stats/recent-rules.ts';
import { screenEvents } from '../stats/screen-events.ts';
import { StatsInputError } from '../stats/sql-stats.ts';
import type { Caller } from '../stats/types.ts';
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
export function checkOrigin(origin: string | undefined, url: string, rules: CompiledRules, what = 'events'): void {
  if (!origin || origin === new URL(url).origin || rules.origins.includes(origin)) return;
  throw new ApiError(403, 'origin_not_allowed', `${what} from ${origin.slice(0, 200)} are refused: it is not one of the site's origins in the rules file`);
}

/** The keys, or a 503 that says what to set: without the secret no exposure can be verified, so nothing is counted. */
export function requireKeys(opts: AppOptions): EdgeKeys {
  const keys = keysFor(opts.secret);
  if (keys) return keys;
  throw new ApiError(503, 'no_secret',
    'this edge has no secret, so it cannot tell real exposures from forged ones and counts nothing; set KAIROS_SECRET (Workers: `wrangler secret put KAIROS_SECRET`; Node: --secret or KAIROS_SECRET)');
}

/** The caller as the store sees it: keyed hashes of the visitor id and the client address, and their limits. */
export async function callerOf(c: Context, opts: AppOptions, keys: EdgeKeys, site: string, visitor: string, now: number): Promise<Caller> {
  const address = (opts.clientAddress ?? ((req) => req.headers.get('cf-connecting-ip') ?? undefined))(c.req.raw, c.env);
  const caller: Caller = { site, visitor: await visitorKey(keys, visitor), now, limit: opts.eventsRateLimit ?? DEFAULT_RATE_LIMIT };
  if (address) {
    caller.client = await clientKey(keys, address);
    caller.clientLimit = opts.clientRateLimit ?? DEFAULT_CLIENT_RATE_LIMIT;
  }
  return caller;
}

/** The 429 of a rate-limited call, with Retry-After. */
export function limited(c: Context, visitor: string, retryAfter: number): Response {
  const err = new ApiError(429, 'rate_limited', `too many requests from visitor "${visitor.slice(0, 100)}" or its address; nothing was done, retry after ${retryAfter} s`);
  return c.json(err.toJSON(), 429, { 'Retry-After': String(retryAfter) });
}

/**
 * `POST /v1/events`: batched exposures, conversions, timeouts and web-vitals from the
 * SDK. Checked whole before anything is stored (origin, size, schema, site), bots
 * ignored; then only what the edge can vouch for is kept (screenEvents), the visitor
 * id is replaced by its keyed hash, visitor and client address are rate-limited, and
 * the batch is written in one transaction, where ids already seen count nothing.
 * 202 with what was accepted.
 */
export function eventsRoutes(opts: AppOptions): Hono {
  const now = opts.now ?? Date.now;
  const recent = new RecentRules();
  return new Hono().post('/v1/events', async (c) => {
    const rules = opts.rules.current();
    if (!rules) throw new ApiError(503, 'no_rules', 'no valid rules file is loaded on this edge yet');
    checkOrigin(c.req.header('origin'), c.req.url, rules);
    const body = parseEventsRequest(await readJsonBody(c.req.raw, EVENTS_MAX_BYTES));
    if (body.site !== rules.site) {
      throw new ApiError(404, 'unknown_site', `site "${body.site}" is not served here (this edge serves "${rules.site}")`, '$.site');
    }
    c.header('Cache-Control', 'no-store');
    if (isbot(c.req.header('user-agent'))) return c.json({ accepted: 0, duplicates: 0, stale: 0, refused: 0, ignored: 'bot' }, 202);
    // A visitor with Global Privacy Control on is not tracked: acknowledged, nothing stored.
    if (gpcOptOut(c.req.raw)) return c.json({ accepted: 0, duplicates: 0, stale: 0, refused: 0, ignored: 'gpc' }, 202);
    if (!opts.stats) return c.json({ accepted: body.events.length, stored: false }, 202);
    const keys = requireKeys(opts);
    const at = now();
    const screened = await screenEvents(body.events, body.visitor, recent.see(rules), keys, at);
    const caller = await callerOf(c, opts, keys, body.site, body.visitor, at);
    const r = await opts.stats
      .ingest({ ...caller, events: screened.events, sent: body.events.length, retentionDays: rules.retentionDays })
      .catch((err: unknown) => {
        throw storeFailure(err);
      });
    if (!r.ok) return limited(c, body.visitor, r.retryAfter);
    return c.json({ accepted: r.accepted, duplicates: r.duplicates, stale: r.stale, refused: screened.refused + r.capped }, 202);
  });
}
