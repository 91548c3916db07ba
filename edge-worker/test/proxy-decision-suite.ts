import { describe, expect, it } from 'vitest';
import type { DecideResponse, EventsRequest, KairosEvent } from '../src/protocol/index.ts';
import type { EdgeDecision } from '../src/proxy/decision-attr.ts';
import type { Report } from '../src/stats/report-types.ts';
import { edgesInFront } from './proxy-origin.ts';
import { edgeDecision, slotAttrs } from './proxy-html.ts';
import type { StartEdge } from './proxy-suite.ts';

// A browser's UA: the runtime's own is a bot, and bots get the default and are not counted.
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const TOKEN = /^[0-9a-z]+\.[\w-]{12}\.[\w-]{22}$/;
const PROXY_RULES = new URL('./fixtures/rules.proxy.json', import.meta.url);
const LEARN_RULES = new URL('./fixtures/rules.proxy-learn.json', import.meta.url);

type Edge = Awaited<ReturnType<StartEdge>>;
const get = (edge: Edge, path: string, headers: Record<string, string> = {}): Promise<string> =>
  fetch(new URL(path, edge.url), { headers: { 'user-agent': BROWSER, ...headers } }).then((r) => r.text());
const post = (edge: Edge, path: string, body: unknown): Promise<Response> =>
  fetch(new URL(path, edge.url), { method: 'POST', headers: { 'user-agent': BROWSER, 'content-type': 'application/json' }, body: JSON.stringify(body) });

let n = 0;
/** The exposure the SDK sends for an edge-decided slot: everything from the attribute. */
function exposure(d: EdgeDecision, visitor = d.visitor): EventsRequest {
  const e: KairosEvent = { id: `e-${process.pid}-${n++}`, type: 'exposure', at: Date.now(), slot: d.slot, reason: d.reason.id, consent: 'analytics' };
  if (d.token) e.token = d.token;
  if (d.rule ?? d.reason.rule) e.rule = (d.rule ?? d.reason.rule)!;
  if (d.variant) e.variant = d.variant;
  if (d.reason.bandit) e.segment = d.reason.bandit.segment;
  return { site: 'shop', visitor, events: [e] };
}
const send = async (edge: Edge, body: EventsRequest): Promise<Record<string, number>> => {
  const res = await post(edge, '/v1/events', body);
  expect(res.status, await res.clone().text()).toBe(202);
  return (await res.json()) as Record<string, number>;
};

/** The page for the first visitor cookie `v-0`, `v-1` … whose `pick` decision passes `want` (30 % holdout: a few tries). */
async function pageOf(edge: Edge, path: string, want: (d: EdgeDecision) => boolean): Promise<string> {
  for (let i = 0; i < 60; i++) {
    const html = await get(edge, path, { cookie: `kairos_vid=v-${i}` });
    if (want(edgeDecision(html, 'pick'))) return html;
  }
  throw new Error(`no visitor among 60 gets the decision wanted on ${path}`);
}

/** `data-kairos-decision` on edge-decided slots: the decide answer, signed, so exposures of edge-rendered pages count. */
export function proxyDecisionSuite(runtime: string, startEdge: StartEdge): void {
  describe(`proxy mode: the decision on the slot (${runtime})`, () => {
    let edge: Edge;
    let learn: Edge;
    edgesInFront(startEdge, [PROXY_RULES, LEARN_RULES], (e) => ([edge, learn] = e as [Edge, Edge]));

    it('is the decision decide returns, without content, with the visitor id of the cookie; its exposure counts once', async () => {
      const html = await get(edge, '/?utm_term=ski', { referer: 'https://www.google.com/', cookie: 'kairos_vid=v-edge-1' });
      const d = edgeDecision(html, 'hero');
      const res = await post(edge, '/v1/decide', {
        site: 'shop', slots: ['hero'], visitor: 'v-edge-1', consent: { personalization: true, analytics: true },
        signals: { page: { path: '/' }, referrer: 'www.google.com', utm: { term: 'ski' }, clickIds: [], ua: BROWSER, saveData: false, language: '' },
      });
      const { content, ...asDecided } = ((await res.json()) as DecideResponse).decisions.hero!;
      expect(content).toBeDefined();
      expect(d).toEqual({ ...asDecided, token: expect.stringMatching(TOKEN), visitor: 'v-edge-1' });
      expect(d).toMatchObject({ slot: 'hero', variant: 'ski-hero', rule: 'ski-search', reason: { outcome: 'match', id: 'hero:ski-search:ski-hero' } });
      expect(await send(edge, exposure(d))).toMatchObject({ accepted: 1, refused: 0 });
      expect(await send(edge, exposure(d))).toMatchObject({ accepted: 0, duplicates: 1 });
      // The token covers that visitor only.
      expect(await send(edge, exposure(d, 'v-someone-else'))).toMatchObject({ accepted: 0, refused: 1 });
    });

    it('signs for the page’s own id without the cookie, a new one per page, and the default too', async () => {
      const [a, b] = await Promise.all([get(edge, '/'), get(edge, '/')]);
      const da = edgeDecision(a, 'hero');
      expect(da).toMatchObject({ slot: 'hero', reason: { outcome: 'no-match', id: 'hero:-:no-match' }, token: expect.stringMatching(TOKEN) });
      expect(da.variant).toBeUndefined();
      expect(da.visitor).toMatch(/^[0-9a-f-]{36}$/);
      expect(edgeDecision(a, 'cta').visitor).toBe(da.visitor);
      expect(edgeDecision(b, 'hero').visitor).not.toBe(da.visitor);
      expect(await send(edge, exposure(da))).toMatchObject({ accepted: 1 });
    });

    it('carries no token under Global Privacy Control, and is not on slots left to the browser', async () => {
      const gpc = await get(edge, '/', { 'sec-gpc': '1' });
      expect(edgeDecision(gpc, 'hero').token).toBeUndefined();
      const html = await get(edge, '/', { cookie: 'kairos_vid=v-edge-2' });
      for (const name of ['recs', 'cta', 'upsell', 'title', 'stray']) expect(slotAttrs(html, name)?.['data-kairos-decision'], name).toBeUndefined();
    });

    it('carries a bandit decision’s segment, escaped right whatever the visitor sent, and teaches the bandit', async () => {
      const campaign = `say "hi" <b>&amp; 'x' &quot;`;
      const page = `/learn?utm_campaign=${encodeURIComponent(campaign)}`;
      const html = await pageOf(learn, page, (d) => d.reason.outcome !== 'holdout');
      const attrs = slotAttrs(html, 'pick')!;
      // Nothing broke out of the attribute: exactly the attributes the edge sets.
      expect(Object.keys(attrs).sort()).toEqual(['class', 'data-kairos-decision', 'data-kairos-edge', 'data-kairos-outcome', 'data-kairos-reason', 'data-kairos-rule', 'data-kairos-slot', 'data-kairos-state', 'data-kairos-variant']);
      const d = edgeDecision(html, 'pick');
      expect(d.reason.bandit).toEqual({ segment: campaign, weights: [0.333, 0.333, 0.333], source: 'equal' });
      expect(d.variant).toMatch(/^[abc]$/);
      expect(attrs['data-kairos-variant']).toBe(d.variant);
      expect(await send(learn, exposure(d))).toMatchObject({ accepted: 1 });
      // A segment other than the one signed is refused.
      expect(await send(learn, { ...exposure(d), events: [{ ...exposure(d).events[0]!, segment: 'other' }] })).toMatchObject({ accepted: 0, refused: 1 });
      const report = (await (await fetch(new URL('/v1/report', learn.url))).json()) as Report;
      const segment = report.slots.find((s) => s.slot === 'pick')?.rules[0]?.bandit?.segments.find((s) => s.segment === campaign);
      expect(segment?.arms.find((a) => a.variant === d.variant)?.exposed).toBe(1);
    });

    it('carries the holdout with the rule it is the control of; its exposure counts', async () => {
      const d = edgeDecision(await pageOf(learn, '/learn', (x) => x.reason.outcome === 'holdout'), 'pick');
      expect(d).toMatchObject({ slot: 'pick', reason: { outcome: 'holdout', id: 'pick:-:holdout', rule: 'by-campaign' }, token: expect.stringMatching(TOKEN) });
      expect(d!.variant).toBeUndefined();
      expect(d!.reason.bandit).toBeUndefined();
      expect(await send(learn, exposure(d!))).toMatchObject({ accepted: 1 });
    });
  });
}
