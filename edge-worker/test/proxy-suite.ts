import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE, startOrigin } from './proxy-origin.ts';

/** An edge in proxy mode in front of `origin`, with the rules file `rules` (default rules.proxy.json) and an origin timeout of `timeoutMs`. */
export type StartEdge = (origin: string, timeoutMs: number, rules?: URL) => Promise<{ url: string; close: () => Promise<void> }>;

const TIMEOUT_MS = 400;
const slot = (html: string, name: string): string => new RegExp(`<[a-z0-9]+ data-kairos-slot="${name}"[^>]*>[\\s\\S]*?</`).exec(html)?.[0] ?? '';

/** Proxy mode's behaviour, the same on every runtime. */
export function proxySuite(runtime: string, startEdge: StartEdge): void {
  describe(`proxy mode (${runtime})`, () => {
    let origin: Awaited<ReturnType<typeof startOrigin>>;
    let edge: Awaited<ReturnType<StartEdge>>;
    // A browser's UA: the runtime's own ("node", "undici") is a bot, and bots get the default.
    const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
    const get = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
      fetch(new URL(path, edge.url), { headers: { 'user-agent': BROWSER, ...headers } });

    beforeAll(async () => {
      origin = await startOrigin(TIMEOUT_MS * 5);
      edge = await startEdge(origin.url, TIMEOUT_MS);
    }, 60_000);
    afterAll(async () => {
      await edge?.close();
      await origin?.close();
    });

    it('fills a slot the context decides, with escaped content and the decision on the element', async () => {
      const res = await get('/?utm_term=ski%20%3Cscript%3Ealert(1)%3C%2Fscript%3E', { referer: 'https://www.google.com/search?q=x' });
      expect(res.status).toBe(200);
      const html = await res.text();
      const hero = slot(html, 'hero');
      expect(hero).toContain('data-kairos-state="decided"');
      expect(hero).toContain('data-kairos-variant="ski-hero"');
      expect(hero).toContain('data-kairos-reason="hero:ski-search:ski-hero"');
      expect(hero).toContain('class="hero hero--ski"');
      // The country is whatever the runtime's request metadata says (Miniflare fills one in).
      expect(html).toMatch(/<h2 class="big">Powder for “ski &lt;script&gt;alert\(1\)&lt;\/script&gt;”<\/h2><p>in [A-Z]{0,2}<br>now<\/p>/);
      expect(html).not.toContain('<script>alert(1)');
      expect(html).toContain('<p>after</p></body></html>');
      // Personalised: never in a shared cache, and the origin's validators no longer apply.
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      expect(res.headers.get('etag')).toBeNull();
    });

    it('decides the default at the edge when no rule matches', async () => {
      const html = await (await get('/')).text();
      expect(slot(html, 'hero')).toContain('data-kairos-state="default"');
      expect(slot(html, 'hero')).toContain('data-kairos-outcome="no-match"');
      expect(slot(html, 'hero')).toContain('Default hero');
    });

    it('reads the device from UA Client Hints', async () => {
      const html = await (await get('/', { 'sec-ch-ua-mobile': '?1', 'sec-ch-ua-platform': '"Android"' })).text();
      expect(slot(html, 'hero')).toContain('data-kairos-variant="pocket"');
      expect(slot(html, 'hero')).toContain('On the go?');
    });

    const leftToBrowser = (html: string, name: string, why: string): void => {
      const el = slot(html, name);
      expect(el, name).toContain(`data-kairos-edge="client:${why}"`);
      expect(el, name).not.toContain('data-kairos-state');
    };

    it('leaves to the browser, and says why, the slots that need what only the browser knows', async () => {
      const html = await (await get('/', { cookie: 'kairos_vid=v-123' })).text();
      for (const [name, why] of [['recs', 'stored-behaviour'], ['cta', 'cap'], ['upsell', 'stored-behaviour'], ['title', 'browser-signal'], ['stray', 'unknown-slot']]) {
        leftToBrowser(html, name!, why!);
      }
    });

    it('decides stored-behaviour and capped slots when there is no stored behaviour (no visitor cookie), unless such a rule wins', async () => {
      const html = await (await get('/')).text();
      expect(slot(html, 'recs')).toContain('data-kairos-state="default"');
      // No cookie, no word of consent: the stored rule is skipped for consent, as the SDK would without it.
      expect(slot(html, 'recs')).toContain('data-kairos-outcome="consent"');
      expect(slot(html, 'recs')).toContain('&quot;why&quot;:&quot;consent&quot;');
      expect(slot(html, 'cta')).toContain('data-kairos-variant="c"');
      // "never bought" matches empty behaviour: whether the browser may use it is the browser's to say.
      leftToBrowser(html, 'upsell', 'stored-behaviour');
      leftToBrowser(html, 'title', 'browser-signal');
    });

    it('decides time rules only when the time zone is known (the SDK cookie or the platform)', async () => {
      const withZone = slot(await (await get('/', { cookie: 'a=1; kairos_tz=Europe%2FZurich' })).text(), 'promo');
      expect(withZone).toContain('data-kairos-edge="decided"');
      expect(withZone).toMatch(/data-kairos-state="(decided|default)"/);
    });

    it('passes through untouched what is not a successful HTML page', async () => {
      const css = await get('/style.css');
      expect(await css.text()).toBe('section[data-kairos-slot]{color:red}');
      expect(css.headers.get('cache-control')).toBe('public, max-age=600');
      const broken = await get('/broken');
      expect(broken.status).toBe(500);
      expect(await broken.text()).toBe('<p data-kairos-slot="hero">origin error</p>');
      expect((await get('/nothing-here')).status).toBe(404);
    });

    it('leaves pages with QA parameters to the browser', async () => {
      const html = await (await get('/?kairos_preview=hero:pocket', { referer: 'https://www.google.com/' })).text();
      expect(html).toBe(PAGE);
    });

    it('never breaks a page with broken markup', async () => {
      const res = await get('/malformed');
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('unclosed');
    });

    it('answers 504 when the origin is slower than its timeout', async () => {
      const t0 = Date.now();
      const res = await get('/slow');
      expect(res.status).toBe(504);
      expect(Date.now() - t0).toBeLessThan(TIMEOUT_MS * 4);
    });

    it('still serves the API', async () => {
      expect((await get('/healthz')).status).toBe(200);
    });
  });
}
