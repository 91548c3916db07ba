import { Hono } from 'hono';
import type { AppOptions } from '../app-options.ts';
import type { CompiledRules, DecideRequest, DecideResponse, RequestMeta } from '../types.ts';
import { decide, type DecideInput } from '../engine/decide.ts';
import { deriveContext } from '../context/derive.ts';
import { geoFromRequest } from '../context/geo.ts';
import { readJsonBody } from '../http/body.ts';
import { parseDecideRequest } from '../http/decide-request.ts';
import type { SiteCors } from '../http/cors.ts';
import { ApiError } from '../http/errors.ts';
import { decideResponseJson } from '../http/decide-json.ts';
import { sealFor, type Seal } from './decide-seal.ts';

/** The decide body limit of the contract: 16 KB. */
export const DECIDE_MAX_BYTES = 16 * 1024;

/**
 * The host part of an absolute URL (`https://shop.example:8443/x` → `shop.example:8443`),
 * `undefined` when there is none. Sliced rather than parsed: it runs on every decide, the
 * runtime's request URL is already valid, and the referrer code normalises hosts anyway.
 */
export function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const start = url.indexOf('://');
  if (start < 0) return undefined;
  let end = url.length;
  for (let i = start + 3; i < url.length; i++) {
    const ch = url.charCodeAt(i);
    if (ch === 47 || ch === 63 || ch === 35) { // '/', '?', '#'
      end = i;
      break;
    }
  }
  const host = url.slice(start + 3, end);
  return host === '' ? undefined : host.slice(host.lastIndexOf('@') + 1);
}

/**
 * Everything decide does between a validated body and its answer's text: derive the
 * context, decide each slot, serialise. The benchmark times it alone, against the budget
 * the HTTP goal leaves it.
 *
 * @param pageHost Host of the page being decided for (its Origin, else the request's own host).
 * @param at The decision time, epoch ms.
 * @param seal What to do with the decisions before they are serialised (sign them: decide-seal.ts).
 */
export async function answerDecide(rules: CompiledRules, body: DecideRequest, meta: RequestMeta, pageHost: string, at: number, seal?: Seal): Promise<string> {
  const context = deriveContext(body.signals, meta, body.consent, new Date(at), { pageHost, siteHosts: rules.siteHosts });
  // Optional fields are added, not spread in: spreads allocate on every request.
  const input: DecideInput = { visitor: body.visitor, slots: body.slots, context, now: at };
  if (body.signals.exposures) input.exposures = body.signals.exposures;
  if (body.preview) input.preview = body.preview;
  const t0 = performance.now();
  const decisions = decide(rules, input);
  const engineUs = Math.round((performance.now() - t0) * 1000);
  if (seal) await seal(decisions);
  const res: DecideResponse = { site: rules.site, rulesVersion: rules.version, decisions, engineUs, interestHalfLifeDays: rules.interestHalfLifeDays };
  if (body.debug) res.context = context;
  return decideResponseJson(res);
}

/**
 * The headers of a decide answer, with `Access-Control-Allow-Origin` when CORS allows the
 * caller's origin, as SiteCors.headersWith sets them for the other routes. Literal objects:
 * a spread copy of shared headers cost Node about 9 µs of CPU per decide (178 → 169 µs).
 */
export function decideHeaders(allowOrigin: string | undefined): Record<string, string> {
  return allowOrigin
    ? { 'Content-Type': 'application/json', 'Cache-Control': 'private, no-store', Vary: 'Origin', 'Access-Control-Allow-Origin': allowOrigin }
    : { 'Content-Type': 'application/json', 'Cache-Control': 'private, no-store', Vary: 'Origin' };
}

/** `POST /v1/decide`: raw signals in, one decision per slot out, each with its reason. */
export function decideRoutes(opts: AppOptions, cors: SiteCors): Hono {
  const now = opts.now ?? Date.now;
  const geo = { trustDevHeader: opts.dev === true };
  return new Hono().post('/v1/decide', async (c) => {
    // Each read once, and the URL only when needed: in workerd every header and URL read
    // crosses into the runtime.
    const req = c.req.raw;
    const headers = req.headers;
    const origin = headers.get('origin');
    let url: string | undefined;
    const self = (): string => (url ??= req.url);
    const body = parseDecideRequest(await readJsonBody(req, DECIDE_MAX_BYTES, headers));
    const rules = opts.rules.current();
    if (!rules) throw new ApiError(503, 'no_rules', 'no valid rules file is loaded on this edge yet');
    if (body.site !== rules.site) {
      throw new ApiError(404, 'unknown_site', `site "${body.site}" is not served here (this edge serves "${rules.site}")`, '$.site');
    }
    const at = now();
    const seal = await sealFor(opts, body, at);
    const text = await answerDecide(rules, body, geoFromRequest(req, geo, headers), hostOf(origin ?? undefined) ?? hostOf(self()) ?? '', at, seal);
    return new Response(text, { status: 200, headers: decideHeaders(origin && cors.allows(origin, self) ? origin : undefined) });
  });
}
