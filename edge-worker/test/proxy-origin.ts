import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import type { StartEdge } from './proxy-suite.ts';

/** A page with the slots of rules.proxy.json, and one the rules do not know. */
export const PAGE = `<!doctype html><html><head><title>Ski shop</title>
<script src="/kairos.js" data-site="shop" async></script></head><body>
<section data-kairos-slot="hero" class="hero">Default hero</section>
<aside data-kairos-slot="promo">Default promo</aside>
<div data-kairos-slot="recs">Default recs</div>
<div data-kairos-slot="cta">Default cta</div>
<h1 data-kairos-slot="title">Default title</h1>
<div data-kairos-slot="upsell">Default upsell</div>
<div data-kairos-slot="stray">Stray</div>
<p>after</p></body></html>`;

/** A page with the slots of rules.proxy-learn.json (bandits). */
export const LEARN_PAGE = `<!doctype html><html><head><title>Pick</title></head><body>
<div data-kairos-slot="pick" class="pick">Default pick</div>
<div data-kairos-slot="pick-time">Default time pick</div>
</body></html>`;

/**
 * A site's origin server for proxy-mode tests, on 127.0.0.1: an HTML page with slots
 * (streamed in small chunks), the bandit's page (`/learn`), a stylesheet, a 500, broken markup, and a page that answers
 * after `slowMs`.
 */
export async function startOrigin(slowMs: number): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/' || path === '/ski') {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=600', etag: '"v1"',
        // What a CDN obeys ahead of Cache-Control.
        'cdn-cache-control': 'max-age=600', 'surrogate-control': 'max-age=600', expires: 'Thu, 01 Jan 2037 00:00:00 GMT',
      });
      // Slots cut across chunks: the rewriter must stream, not need the whole page.
      for (let i = 0; i < PAGE.length; i += 37) res.write(PAGE.slice(i, i + 37));
      return res.end();
    }
    if (path === '/learn') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(LEARN_PAGE);
    }
    if (path === '/style.css') {
      res.writeHead(200, { 'content-type': 'text/css', 'cache-control': 'public, max-age=600' });
      return res.end('section[data-kairos-slot]{color:red}');
    }
    if (path === '/broken') {
      res.writeHead(500, { 'content-type': 'text/html' });
      return res.end('<p data-kairos-slot="hero">origin error</p>');
    }
    if (path === '/malformed') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end('<div data-kairos-slot="hero" <<>> <b>unclosed <section data-kairos-slot=promo>x</p></i>');
    }
    if (path === '/slow') {
      const t = setTimeout(() => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<p>late</p>');
      }, slowMs);
      res.on('close', () => clearTimeout(t));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('nope');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    }),
  };
}

type Started = Awaited<ReturnType<StartEdge>>;

/**
 * For the enclosing `describe`: before its tests, the test origin (1 s slow page) and one
 * edge per rules file in front of it, handed to `use` in that order; after them, all closed.
 */
export function edgesInFront(startEdge: StartEdge, rules: URL[], use: (edges: Started[]) => void): void {
  let origin: Started | undefined;
  let edges: Started[] = [];
  beforeAll(async () => {
    origin = await startOrigin(1000);
    edges = await Promise.all(rules.map((r) => startEdge(origin!.url, 1000, r)));
    use(edges);
  }, 90_000);
  afterAll(async () => {
    await Promise.all(edges.map((e) => e.close()));
    await origin?.close();
  });
}
