// Bandit stickiness: the variant first shown is stored per slot/rule and sent back with
// the next decide (signals.assigned), so the edge keeps the visitor on it whatever the
// weights say (reason.bandit.sticky).
import type { DecideRequest } from '../../src/types';
import { expect, ready, stored, test } from './harness';

type Rec = { id: string; a?: Record<string, { variant: string; at: number }> };

test('a bandit visitor keeps the variant first shown, even when it is not the one the split gives', async ({ page, site, request }) => {
  const bodies: DecideRequest[] = [];
  page.on('request', (r) => r.url().endsWith('/v1/decide') && bodies.push(JSON.parse(r.postData()!)));
  await page.goto(`${site.pages}/sticky.html`);
  const first = (await ready(page)).sticky!;
  expect(first.reason.bandit).toBeTruthy();
  expect(first.reason.bandit!.sticky).toBeUndefined();
  // Seen: the assignment is stored.
  await expect.poll(async () => ((await stored(page)) as Rec | null)?.a?.['sticky/arms']?.variant).toBe(first.variant);
  // Make the stored assignment one the split would not give this visitor now (as if the
  // weights had moved since): the edge must keep it.
  const rec = (await stored(page)) as Rec;
  const split = async (): Promise<string> => {
    const res = await request.post(`${site.edge}/v1/decide`, {
      data: JSON.stringify({ site: 'test', slots: ['sticky'], visitor: rec.id, consent: { personalization: true, analytics: true }, signals: {} }),
      headers: { 'content-type': 'text/plain', origin: site.pages },
    });
    return ((await res.json()) as { decisions: Record<string, { variant: string }> }).decisions.sticky!.variant;
  };
  const other = ['a', 'b', 'c', 'd', 'e'].find((v) => v !== first.variant)!;
  expect(await split()).toBe(first.variant);
  await page.evaluate(
    ([v]) => new Promise<void>((ok) => {
      const r = indexedDB.open('kairos');
      r.onsuccess = () => {
        const os = r.result.transaction('kv', 'readwrite').objectStore('kv');
        const g = os.get('test');
        g.onsuccess = () => {
          g.result.a['sticky/arms'].variant = v;
          os.put(g.result, 'test').onsuccess = () => (r.result.close(), ok());
        };
      };
    }),
    [other],
  );
  await page.goto(`${site.pages}/sticky.html`);
  const next = (await ready(page)).sticky!;
  expect(bodies.at(-1)!.signals.assigned).toEqual({ 'sticky/arms': { variant: other, at: expect.any(Number) } });
  expect(next).toMatchObject({ variant: other, reason: { bandit: { sticky: true } } });
});

test('no assignment is sent without personalization consent', async ({ page, site }) => {
  const bodies: DecideRequest[] = [];
  page.on('request', (r) => r.url().endsWith('/v1/decide') && bodies.push(JSON.parse(r.postData()!)));
  await page.goto(`${site.pages}/sticky.html?k_consent=denied`);
  await ready(page);
  await page.evaluate(() => window.kairos!.consent({ analytics: true }));
  await page.evaluate(() => window.kairos!.refresh());
  expect(bodies[0]!.signals.assigned).toBeUndefined();
});
