/**
 * The browser suite's servers and fixtures: (a) a fixture-page server on one
 * 127.0.0.1 port serving pages/*.html, and (b) the real edge (startNodeServer) on
 * another, serving sdk/dist — two origins, so every test exercises CORS. Both listen
 * on ports chosen free at run time and live for one Playwright worker.
 *
 * Page URLs take control parameters (prefixed `k_`, which the SDK ignores) that
 * shape the page: k_timeout, k_consent, k_debug, k_site, k_endpoint, k_src (the
 * script tag's attributes), k_noscript (no tag), k_csp (a nonce-based CSP with
 * Trusted Types), k_nocontent (the body is not a content view), k_css (the delay of
 * the CSS-only reveal timer, default 1s), k_decision (pages/edge.html: the decision edge
 * rendering left on its pre-decided slot).
 */
import { test as base, expect, type Page, type Request } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventsRequest, KairosEvent } from '../../src/types';
import { testRules } from './rules';

const here = dirname(fileURLToPath(import.meta.url));
// A 1×1 transparent PNG (the rich variant's image).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const dist = join(here, '..', '..', 'dist');

interface EdgeServer {
  url: string;
  close(): Promise<void>;
}
type StartNodeServer = (opts: { rules?: unknown; host?: string; port?: number; sdkDir?: string; dev?: boolean; log?: Pick<Console, 'log' | 'error'> }) => Promise<EdgeServer>;

/** The strict CSP of `k_csp=1` pages: nonce-based script-src, Trusted Types required, no unsafe-inline. */
export const csp = (nonce: string, edge: string): string =>
  `default-src 'self'; script-src 'nonce-${nonce}'; connect-src 'self' ${edge}; img-src 'self' data:; style-src 'self' 'nonce-${nonce}'; ` +
  `require-trusted-types-for 'script'; trusted-types 'none'; object-src 'none'; base-uri 'none'`;

function tagFor(q: URLSearchParams, edge: string, nonce: string): string {
  if (q.has('k_noscript')) return '';
  const a = [`data-site="${q.get('k_site') ?? 'test'}"`];
  // A generous budget unless a test sets one (k_timeout=none: the SDK's default): a
  // loaded CI machine must not turn a decision into a timeout.
  if (!q.has('k_timeout')) q.set('k_timeout', '5000');
  if (q.get('k_timeout') === 'none') q.delete('k_timeout');
  for (const k of ['timeout', 'consent', 'endpoint', 'debug']) if (q.has('k_' + k)) a.push(`data-${k}="${q.get('k_' + k)}"`);
  const src = q.get('k_src') ?? `${edge}/kairos.js`;
  return `<script nonce="${nonce}" src="${src}" ${a.join(' ')} async></script>`;
}

async function pageServer(edge: () => string): Promise<Server> {
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      // The SDK from this origin, for the data-endpoint test.
      if (url.pathname === '/kairos.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end(await readFile(join(dist, 'kairos.js')));
        return;
      }
      if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
      // The ESM build's dependency, for pages/esm.html's import map.
      if (url.pathname === '/idb-keyval.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end(await readFile(join(here, '..', '..', '..', 'node_modules', 'idb-keyval', 'dist', 'index.js')));
        return;
      }
      if (url.pathname === '/x.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
      if (url.pathname.endsWith('.js')) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      // /blank.html → pages/blank.html; /spa/… → pages/spa.html; any other path → pages/index.html.
      const file = url.pathname.startsWith('/spa/') ? 'spa' : url.pathname.replace(/^\/+|\.html$/g, '');
      const html = await readFile(join(here, 'pages', (/^[\w-]+$/.test(file) ? file : 'index') + '.html'), 'utf8').catch(() =>
        readFile(join(here, 'pages', 'index.html'), 'utf8'),
      );
      const nonce = randomBytes(12).toString('base64');
      const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
      if (url.searchParams.has('k_csp')) headers['content-security-policy'] = csp(nonce, edge());
      res.writeHead(200, headers);
      // k_nocontent: the page is not a content view.
      const body = url.searchParams.has('k_nocontent') ? '' : 'data-kairos-content="sku-123" data-kairos-tags="ski, outdoor" data-kairos-page-type="product"';
      // k_css: the delay of the CSS-only timer that reveals slots (default 1s).
      const css = /^\d+m?s$/.test(url.searchParams.get('k_css') ?? '') ? url.searchParams.get('k_css')! : '1s';
      // k_decision: what edge rendering leaves on a slot it decided (pages/edge.html), HTML-escaped.
      const decision = (url.searchParams.get('k_decision') ?? '').replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
      res.end(html.replaceAll('{{DECISION}}', decision).replaceAll('{{CSSDELAY}}', css).replaceAll('{{BODY}}', body).replaceAll('{{KAIROS}}', tagFor(url.searchParams, edge(), nonce)).replaceAll('{{NONCE}}', nonce).replaceAll('{{EDGE}}', edge()));
    })().catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return server;
}

export interface Site {
  /** Origin of the fixture pages. */
  pages: string;
  /** Origin of the edge. */
  edge: string;
}

/** Events the page sent, parsed from the /v1/events requests it made (fetch or beacon). */
export interface Sent {
  batches: EventsRequest[];
  requests: Request[];
  /** All events sent so far. */
  events(): KairosEvent[];
  /** Waits until an event matching `pred` was sent. */
  waitFor(pred: (e: KairosEvent) => boolean, timeout?: number): Promise<KairosEvent>;
}

export const test = base.extend<{ sent: Sent; errors: string[] }, { site: Site }>({
  site: [
    async ({}, use) => {
      let edgeUrl = '';
      const pages = await pageServer(() => edgeUrl);
      const pagesUrl = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
      // Loaded at run time: the edge is another workspace's TypeScript.
      const mod = (await import('../../../edge-worker/src/adapters/node/server.ts')) as { startNodeServer: StartNodeServer };
      const edge = await mod.startNodeServer({ rules: testRules(pagesUrl), host: '127.0.0.1', port: 0, sdkDir: dist, dev: true, log: { log() {}, error() {} } });
      edgeUrl = edge.url;
      await use({ pages: pagesUrl, edge: edge.url });
      await edge.close();
      await new Promise((ok) => pages.close(ok));
    },
    { scope: 'worker' },
  ],
  // Every page error and console message; tests expect none unless debug is on. (The
  // browser's own network log, "Failed to load resource", is filtered with `sdkOutput`.)
  errors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push('pageerror: ' + e.message));
    page.on('console', (m) => errors.push(`console.${m.type()}: ${m.text()}`));
    await use(errors);
  },
  sent: async ({ page }, use) => {
    const batches: EventsRequest[] = [];
    const requests: Request[] = [];
    const waiters = new Set<() => void>();
    page.on('request', (r) => {
      if (!r.url().endsWith('/v1/events') || r.method() !== 'POST') return;
      requests.push(r);
      try {
        batches.push(JSON.parse(r.postData() ?? '') as EventsRequest);
      } catch {
        // not JSON: the assertions will show it
      }
      for (const w of waiters) w();
    });
    const events = (): KairosEvent[] => batches.flatMap((b) => b.events);
    await use({
      batches,
      requests,
      events,
      waitFor: (pred, timeout = 5_000) =>
        new Promise<KairosEvent>((ok, fail) => {
          const check = (): void => {
            const e = events().find(pred);
            if (e) {
              waiters.delete(check);
              clearTimeout(t);
              ok(e);
            }
          };
          const t = setTimeout(() => {
            waiters.delete(check);
            fail(new Error('no such event within ' + timeout + ' ms; sent: ' + JSON.stringify(events())));
          }, timeout);
          waiters.add(check);
          check();
        }),
    });
  },
});

export { expect };

/** Console output and page errors that are not the browser's own network log. */
export const sdkOutput = (errors: string[]) => errors.filter((e) => !/Failed to load resource|net::ERR_/.test(e));

/** Waits until `window.kairos.ready` resolved; returns the decisions. */
export const ready = (page: Page) =>
  page.waitForFunction(() => window.kairos?.ready).then(() => page.evaluate(() => window.kairos!.ready));

/** The state and text of a slot. */
export const slot = (page: Page, name: string) =>
  page.evaluate((n) => {
    const el = document.querySelector<HTMLElement>(`[data-kairos-slot="${n}"]`)!;
    return { state: el.getAttribute('data-kairos-state'), text: el.textContent?.trim() ?? '', html: el.innerHTML };
  }, name);

/**
 * Writes `value` under `key` in the SDK's database, from a page of the fixture origin
 * without the SDK, with the visitor cookie the SDK keeps beside a stored record (without
 * it, the SDK knows no record is stored and does not wait for storage).
 */
export const seed = async (page: Page, pages: string, value: unknown, key = 'test') => {
  await page.goto(`${pages}/blank.html`);
  await page.evaluate(
    ([k, v]) =>
      new Promise<void>((ok, fail) => {
        const r = indexedDB.open('kairos');
        r.onupgradeneeded = () => r.result.createObjectStore('kv');
        r.onsuccess = () => {
          const tx = r.result.transaction('kv', 'readwrite');
          tx.objectStore('kv').put(v, k as string);
          tx.oncomplete = () => {
            r.result.close();
            // The SDK keeps the visitor cookie and its localStorage copy beside a stored record.
            document.cookie = `kairos_vid=${(v as { id?: string })?.id ?? 'x'};path=/`;
            localStorage.setItem('kairos_vid', (v as { id?: string })?.id ?? 'x');
            ok();
          };
          tx.onerror = () => fail(tx.error);
        };
      }),
    [key, value] as const,
  );
};

/** The visitor record stored in IndexedDB (database `kairos`, store `kv`, key = site), or null. */
export const stored = (page: Page, key = 'test') =>
  page.evaluate(
    (k) =>
      new Promise<unknown>((ok) => {
        indexedDB.databases().then((dbs) => {
          if (!dbs.some((d) => d.name === 'kairos')) return ok(null);
          const r = indexedDB.open('kairos');
          r.onupgradeneeded = () => r.result.createObjectStore('kv');
          r.onsuccess = () => {
            const db = r.result;
            if (!db.objectStoreNames.contains('kv')) return (db.close(), ok(null));
            const g = db.transaction('kv').objectStore('kv').get(k);
            g.onsuccess = () => (db.close(), ok(g.result ?? null));
            g.onerror = () => (db.close(), ok(null));
          };
          r.onerror = () => ok(null);
        });
      }),
    key,
  );

declare global {
  interface Window {
    kairos?: import('../../src/types').Kairos;
  }
}

/** Makes the page look hidden (tab switched, app backgrounded), as the browser does: visibilitychange bubbles. */
export const hide = (page: Page) =>
  page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  });

/** Resources the page loaded whose URL contains `part`. */
export const loaded = (page: Page, part: string) =>
  page.evaluate((p) => performance.getEntriesByType('resource').filter((r) => r.name.includes(p)).length, part);
