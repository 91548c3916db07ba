// Edge rendering (proxy mode): slots the edge decided arrive filled and marked, with the
// decision as JSON in data-kairos-decision. The SDK settles them from it (no decide
// request, no re-render), tracks their exposure with the edge's token, and sends events
// as the visitor the token was signed over. Slots left to the browser (client:*) are
// decided as usual. The page is made here, as the proxy would serve it.
import type { Page } from '@playwright/test';
import type { DecideRequest, DecideResponse, EventsRequest } from '../../src/types';
import { expect, ready, seed, stored, test, type Site } from './harness';

const EDGE_VISITOR = 'edge-made-up-id';

/** A real decision of the edge for `slot`, as the proxy embeds it: without content, with the visitor its token was signed over. */
async function edgeDecision(request: import('@playwright/test').APIRequestContext, site: Site, slot: string, visitor: string) {
  const res = await request.post(`${site.edge}/v1/decide`, {
    data: JSON.stringify({ site: 'test', slots: [slot], visitor, consent: { personalization: true, analytics: true }, signals: { utm: { campaign: 'spring' } } }),
    headers: { 'content-type': 'text/plain', origin: site.pages },
  });
  const { content: _, ...d } = ((await res.json()) as DecideResponse).decisions[slot]!;
  return { ...d, visitor };
}

/** Opens pages/edge.html with `hero` as the edge's decision, counting re-renders of hero and the decision events. */
async function open(page: Page, site: Site, hero: object) {
  await page.addInitScript(() => {
    const w = window as unknown as { heard: string[]; mutations: number };
    w.heard = [];
    w.mutations = 0;
    document.addEventListener('kairos:decision', (e) => w.heard.push((e as CustomEvent).detail.slot));
    // The parser only adds nodes; a re-render would take the edge's out.
    new MutationObserver((ms) => (w.mutations += ms.filter((m) => m.removedNodes.length && (m.target as Element).closest?.('[data-kairos-slot="hero"]')).length)).observe(document, { subtree: true, childList: true });
  });
  await page.goto(`${site.pages}/edge.html?k_decision=${encodeURIComponent(JSON.stringify(hero))}`);
  return ready(page);
}

test('a slot the edge decided settles from its data-kairos-decision: no decide, no re-render, exposure with its token as the edge visitor', async ({ page, site, request, sent }) => {
  const hero = await edgeDecision(request, site, 'hero', EDGE_VISITOR);
  expect(hero.token).toBeTruthy();
  const decides: DecideRequest[] = [];
  page.on('request', (r) => r.url().endsWith('/v1/decide') && decides.push(JSON.parse(r.postData()!)));
  const d = await open(page, site, hero);
  expect(d.hero).toMatchObject({ slot: 'hero', variant: 'spring-sale', rule: 'spring', outcome: 'match', token: hero.token, reason: { id: 'hero:spring:spring-sale' } });
  expect(await page.evaluate(() => (window as unknown as { heard: string[] }).heard)).toContain('hero');
  // Only the client:* slot went to the edge, as the visitor the edge named.
  expect(decides.flatMap((b) => b.slots)).toEqual(['rich']);
  expect(decides[0]!.visitor).toBe(EDGE_VISITOR);
  expect(d.rich).toMatchObject({ variant: 'v' });
  // The edge's content stays as it came.
  expect(await page.locator('#edge-made').count()).toBe(1);
  expect(await page.evaluate(() => (window as unknown as { mutations: number }).mutations)).toBe(0);
  // Its exposure carries its token, in a batch of the visitor the token was signed over, and counts.
  const e = await sent.waitFor((x) => x.type === 'exposure' && x.slot === 'hero');
  expect(e).toMatchObject({ token: hero.token, reason: 'hero:spring:spring-sale', rule: 'spring', variant: 'spring-sale' });
  const batch = sent.batches.find((b: EventsRequest) => b.events.some((x) => x.slot === 'hero'))!;
  expect(batch.visitor).toBe(EDGE_VISITOR);
  // The edge vouches for it: sent again as it went, its token checks out for that visitor
  // (a duplicate now, not refused); under another visitor id it would be refused.
  const post = (b: EventsRequest) =>
    request.post(`${site.edge}/v1/events`, { data: JSON.stringify(b), headers: { 'content-type': 'text/plain', origin: site.pages } }).then((r) => r.json() as Promise<{ refused: number }>);
  const hers = { ...batch, events: batch.events.filter((x) => x.slot === 'hero') };
  expect(await post(hers)).toMatchObject({ refused: 0 });
  expect((await post({ ...hers, visitor: 'someone-else', events: hers.events.map((x) => ({ ...x, id: x.id + '-2' })) })).refused).toBe(1);
  // A first page: the record, stored now, keeps the edge's id, and the cookie names it for the next request.
  await expect.poll(async () => ((await stored(page)) as { id?: string } | null)?.id).toBe(EDGE_VISITOR);
  await expect.poll(async () => (await page.context().cookies()).find((c) => c.name === 'kairos_vid')?.value).toBe(EDGE_VISITOR);
});

test('a record already stored keeps its id when the edge named another (it had no cookie)', async ({ page, site, request }) => {
  const t = Date.now();
  await seed(page, site.pages, { v: 1, id: 'stored-id', f: t, n: 1, t, pv: 1, l: '/', vw: [], i: {}, it: t, c: {}, e: {}, se: {}, q: [] });
  await open(page, site, await edgeDecision(request, site, 'hero', EDGE_VISITOR));
  await expect.poll(async () => (await page.context().cookies()).find((c) => c.name === 'kairos_vid')?.value).toBe('stored-id');
  expect(((await stored(page)) as { id: string }).id).toBe('stored-id');
});
