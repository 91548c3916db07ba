import { describe, expect, it } from 'vitest';
import { edgesInFront } from './proxy-origin.ts';
import { edgeDecision } from './proxy-html.ts';
import type { StartEdge } from './proxy-suite.ts';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const PROXY_RULES = new URL('./fixtures/rules.proxy.json', import.meta.url);
// Only slots the browser decides once the visitor has stored behaviour (a visitor cookie).
const CLIENT_RULES = new URL('./fixtures/rules.proxy-client.json', import.meta.url);
// What the origin page of proxy-origin.ts sends, that a shared cache or CDN would obey.
const SHARED = ['cdn-cache-control', 'surrogate-control', 'expires', 'etag'];

type Edge = Awaited<ReturnType<StartEdge>>;
const get = (edge: Edge, path: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(new URL(path, edge.url), { headers: { 'user-agent': BROWSER, ...headers } });

/** The caching rule of edge rendering: a personalised page is never stored for someone else; the rest stays cacheable. */
export function proxyCacheSuite(runtime: string, startEdge: StartEdge): void {
  describe(`proxy mode: caching (${runtime})`, () => {
    let edge: Edge;
    let client: Edge;
    edgesInFront(startEdge, [PROXY_RULES, CLIENT_RULES], (e) => ([edge, client] = e as [Edge, Edge]));

    it('makes every page with an edge decision private and uncacheable for shared caches and CDNs', async () => {
      const cases: Record<string, string>[] = [
        {}, { cookie: 'kairos_vid=v-cache-1' }, { 'sec-gpc': '1' }, { referer: 'https://www.google.com/', cookie: 'kairos_vid=v-cache-2' },
      ];
      for (const headers of cases) {
        const res = await get(edge, '/?utm_term=ski', headers);
        const html = await res.text();
        expect(html, JSON.stringify(headers)).toContain('data-kairos-edge="decided"');
        expect(res.headers.get('cache-control'), JSON.stringify(headers)).toBe('private, no-store');
        for (const h of SHARED) expect(res.headers.get(h), `${h} ${JSON.stringify(headers)}`).toBeNull();
      }
    });

    it('never puts one visitor’s id or token in another’s page', async () => {
      const a = await (await get(edge, '/', { cookie: 'kairos_vid=v-alice' })).text();
      const b = await (await get(edge, '/', { cookie: 'kairos_vid=v-bob' })).text();
      expect(edgeDecision(a, 'hero').visitor).toBe('v-alice');
      expect(edgeDecision(b, 'hero').visitor).toBe('v-bob');
      expect(b).not.toContain('v-alice');
      expect(b).not.toContain(edgeDecision(a, 'hero').token!);
    });

    it('keeps the origin’s caching for a page the edge decides nothing on, which carries no decision', async () => {
      const res = await get(client, '/', { cookie: 'kairos_vid=v-cache-3' });
      const html = await res.text();
      expect(html).toMatch(/data-kairos-slot="recs" data-kairos-edge="client:stored-behaviour"/);
      expect(html).not.toContain('data-kairos-decision');
      expect(html).not.toContain('v-cache-3');
      expect(res.headers.get('cache-control')).toBe('public, max-age=600');
      expect(res.headers.get('cdn-cache-control')).toBe('max-age=600');
      // Without stored behaviour the edge decides the same slot, and the page is private again.
      const fresh = await get(client, '/');
      expect(await fresh.text()).toMatch(/data-kairos-slot="recs"[^>]*data-kairos-edge="decided"/);
      expect(fresh.headers.get('cache-control')).toBe('private, no-store');
    });
  });
}
