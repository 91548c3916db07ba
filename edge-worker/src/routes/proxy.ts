import { Hono } from '../http/hono.ts';
import type { AppOptions } from '../app-options.ts';
import { geoFromRequest } from '../context/geo.ts';
import { decideFor } from '../engine/decide-for.ts';
import { pokeLearner } from '../learn/poke.ts';
import { devHeaders } from '../proxy/dev-headers.ts';
import { edgeSlots, needsBrowser } from '../proxy/edge-slots.ts';
import { requestSignals } from '../proxy/request-signals.ts';
import { rewritePage } from '../proxy/rewrite-page.ts';
import type { ProxyOptions } from '../proxy/types.ts';
import { sealFor } from './decide-seal.ts';

const HTML = /^text\/html\b/i;
// Caching headers that CDNs obey ahead of Cache-Control (RFC 9213 and vendors'): a
// personalised page must not keep one, or a shared cache could still store it.
const SHARED_CACHE = ['cdn-cache-control', 'cloudflare-cdn-cache-control', 'surrogate-control', 'expires'];
// QA tools (preview tokens, the debug overlay) run in the browser: such pages are left to the SDK.
const BROWSER_ONLY_PARAMS = ['kairos_preview', 'kairos_debug'];

async function fromOrigin(proxy: ProxyOptions, req: Request): Promise<Response> {
  const ms = proxy.timeoutMs ?? 5000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<Response>((ok) => {
    timer = setTimeout(() => ok(new Response(`The site's origin did not answer within ${ms} ms.`, { status: 504, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })), ms);
  });
  try {
    return await Promise.race([proxy.origin(req), late]);
  } catch {
    return new Response("The site's origin could not be reached.", { status: 502, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Proxy mode: the edge fronts the site and fills slots in the HTML as it streams, so the
 * page arrives decided and the SDK only tracks. Anything that is not a successful HTML
 * page (assets, redirects, 4xx/5xx, other methods) passes through untouched, and so does a
 * page when no rules are loaded. A page with any slot decided at the edge (a variant or the
 * default: another context could change it) is `private, no-store`, without the caching
 * headers CDNs read first, so one visitor's page (their decisions, tokens, visitor id) never
 * lands in a shared cache. The slots the edge decides come from the rules, not the page (its
 * headers leave before its body is read), so while any slot is decidable at the edge every
 * page is private; a page whose slots are all left to the browser has no decision on it and
 * keeps the origin's caching, since it is the same for everyone.
 */
export function proxyRoutes(opts: AppOptions, proxy: ProxyOptions): Hono {
  const now = opts.now ?? Date.now;
  const geo = { trustDevHeader: opts.dev === true };
  return new Hono().all('*', async (c) => {
    const req = c.req.raw;
    const res = await fromOrigin(proxy, req);
    const url = new URL(req.url);
    const rules = opts.rules.current();
    if (req.method !== 'GET' || res.status !== 200 || !HTML.test(res.headers.get('content-type') ?? '') || !rules) return res;
    if (BROWSER_ONLY_PARAMS.some((p) => url.searchParams.has(p))) return res;
    const dev = devHeaders(req, opts.dev === true);
    const zone = dev.zone ?? (req as Request & { cf?: { timezone?: string } }).cf?.timezone;
    const { request, timeKnown, hasVisitorCookie, gpc } = requestSignals(req, rules.site, [], zone, dev.visitor);
    const { edge, client } = edgeSlots(rules, { timeZone: timeKnown, noStoredBehaviour: !hasVisitorCookie });
    request.slots = edge;
    if (edge.length) pokeLearner(opts.learner, c);
    const weights = opts.learner ? { weights: opts.learner.current() } : {};
    const at = dev.now ? +dev.now : now();
    const meta = { geo: geoFromRequest(req, geo), pageHost: url.host, now: at, ...weights };
    const decisions = edge.length ? decideFor(rules, request, meta).decisions : {};
    // Without the cookie this may still be a consenting visitor's first page (the SDK sets the
    // cookie when it first runs), whose empty store the browser would use: a slot that a
    // stored-behaviour rule wins then is the browser's. Under GPC the browser has no consent either.
    const firstPage = edge.length && !hasVisitorCookie && !gpc
      ? decideFor(rules, { ...request, consent: { personalization: true, analytics: false } }, meta).decisions
      : decisions;
    for (const slot of edge) if (needsBrowser(rules, slot, firstPage[slot]?.rule ?? firstPage[slot]?.reason.rule)) client.set(slot, 'stored-behaviour');
    // Signed as decide signs them, so the SDK can send each exposure. Only the page knows the
    // visitor's analytics consent (the SDK sends nothing without it), so every decision is
    // signed except under Global Privacy Control; a token names no one but the id it covers.
    const seal = edge.length && !gpc ? await sealFor(opts, { ...request, consent: { ...request.consent, analytics: true } }, at) : undefined;
    if (seal) await seal(decisions);
    const out = rewritePage(new Response(res.body, res), proxy.rewrite, decisions, client, request.visitor);
    // The body changes: the origin's length and validators no longer describe it.
    out.headers.delete('content-length');
    out.headers.delete('etag');
    if (edge.length) {
      out.headers.set('Cache-Control', 'private, no-store');
      for (const h of SHARED_CACHE) out.headers.delete(h);
    }
    return out;
  });
}
