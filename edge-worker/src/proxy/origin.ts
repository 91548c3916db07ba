import type { AssetSource } from '../app-options.ts';
import type { OriginFetch } from './types.ts';

// Hop-by-hop and edge-specific headers that must not be forwarded to the origin.
const DROP = ['host', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'proxy-authorization'];

/**
 * Pages from the site's origin server at `base` (`https://origin.shop.example`): the same
 * path and query, method, headers and body; redirects are passed to the browser, not followed.
 */
export function urlOrigin(base: string): OriginFetch {
  const root = new URL(base);
  return (req) => {
    const url = new URL(req.url);
    const target = new URL(url.pathname + url.search, root);
    const headers = new Headers(req.headers);
    for (const h of DROP) headers.delete(h);
    const init: RequestInit = { method: req.method, headers, redirect: 'manual' };
    if (req.method !== 'GET' && req.method !== 'HEAD') init.body = req.body;
    return fetch(target, init);
  };
}

/** Pages from the edge's own static files (the demo storefront); a missing file is a 404. */
export function assetsOrigin(assets: AssetSource): OriginFetch {
  return async (req) => {
    const url = new URL(req.url);
    const res = req.method === 'GET' || req.method === 'HEAD' ? await assets.get(url.pathname, req) : null;
    return res ?? new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  };
}
