import { Hono } from '../http/hono.ts';
import type { AssetSource } from '../app-options.ts';

/**
 * `/kairos.js` keeps one URL (it is in every customer's script tag), so it gets a
 * short cache plus an ETag; URLs that carry a version (`?v=`) never change and are
 * cached for a year.
 */
function cacheControl(path: string, versioned: boolean): string {
  if (versioned) return 'public, max-age=31536000, immutable';
  if (path.endsWith('.js')) return 'public, max-age=300, stale-while-revalidate=86400';
  return 'public, max-age=60';
}

/**
 * Every GET that no API route took: static files from the runtime's asset source.
 * @param only Serves just the paths it accepts (proxy mode: the SDK's files). @default every path
 */
export function assetRoutes(assets: AssetSource | undefined, only: (path: string) => boolean = () => true): Hono {
  return new Hono().get('*', async (c, next) => {
    const url = new URL(c.req.url);
    if (!assets || !only(url.pathname)) return next();
    const res = await assets.get(url.pathname, c.req.raw);
    if (!res) return next();
    const out = new Response(res.body, res);
    if (res.status === 200) out.headers.set('Cache-Control', cacheControl(url.pathname, url.searchParams.has('v')));
    // Lets a storefront on another origin load the SDK's lazy chunks with import().
    if (url.pathname.endsWith('.js')) out.headers.set('Access-Control-Allow-Origin', '*');
    return out;
  });
}
