import { Hono } from '../http/hono.ts';
import type { AppOptions } from '../app-options.ts';
import { geoFromRequest } from '../context/geo.ts';
import { decideFor } from '../engine/decide-for.ts';
import { readJsonBody } from '../http/body.ts';
import { parseDecideRequest } from '../http/decide-request.ts';
import { gpcOptOut, NO_CONSENT } from '../http/gpc.ts';
import { decideJson } from '../present/decide-json.ts';
import { MAX_DECIDE_BYTES } from '../protocol/limits.ts';
import { sealFor } from './decide-seal.ts';
import { rulesForSite } from './site-rules.ts';
import { pokeLearner } from '../learn/poke.ts';

/** The host of a URL (`https://shop.example:8443/x` → `shop.example:8443`), `''` when it has none. */
export function hostOf(url: string | null | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** `POST /v1/decide`: raw signals in, one decision per slot out, each with its reason. */
export function decideRoutes(opts: AppOptions): Hono {
  const now = opts.now ?? Date.now;
  const geo = { trustDevHeader: opts.dev === true };
  return new Hono().post('/v1/decide', async (c) => {
    const req = c.req.raw;
    const body = parseDecideRequest(await readJsonBody(req, MAX_DECIDE_BYTES));
    // GPC means no personalization consent: rules on stored behaviour are skipped (reason `consent`).
    if (gpcOptOut(req)) body.consent = { ...NO_CONSENT };
    const rules = rulesForSite(opts.rules, body.site);
    // The page's host (a referrer from it is internal): its Origin, else the edge's own.
    const pageHost = hostOf(req.headers.get('origin')) || hostOf(req.url);
    // The UA header fills in for the device when the SDK sent UA Client Hints, and catches crawlers.
    const meta = { ...geoFromRequest(req, geo), userAgent: req.headers.get('user-agent') ?? undefined };
    const at = now();
    // Preview tokens are checked before deciding; decisions are signed after (decide-seal.ts).
    const seal = await sealFor(opts, body, at);
    pokeLearner(opts.learner, c);
    const res = decideFor(rules, body, { geo: meta, pageHost, now: at, ...(opts.learner ? { weights: opts.learner.current() } : {}) });
    if (seal) await seal(res.decisions);
    return c.body(decideJson(res, rules.contentJson), 200, { 'Content-Type': 'application/json', 'Cache-Control': 'private, no-store' });
  });
}
