// Pages that change after load: an SPA route change, and a slot added late.
import { expect, test } from '../fixtures/index.ts';

test('an SPA navigation decides the new route\'s slots with its path, and counts a pageview', async ({ journey, page }) => {
  // A running product viewed: the recs slot of the next page can follow it up.
  await journey.open('/products/running-trail-runner.html');
  await journey.decision('product-cta');
  expect(await journey.decisions()).not.toContainEqual(expect.objectContaining({ slot: 'recs' }));

  // The shop's router: pushState, then the new route's content with a recs slot.
  await page.evaluate(() => {
    history.pushState({}, '', '/camping.html');
    const main = document.querySelector('main')!;
    const recs = document.createElement('section');
    recs.className = 'recs';
    recs.setAttribute('data-kairos-slot', 'recs');
    recs.innerHTML = '<div class="recs__head"><h2>Best sellers this week</h2></div>';
    main.replaceChildren(recs);
  });
  const d = await journey.decision('recs');
  expect(d).toMatchObject({ variant: 'race-day-kit', rule: 'running-viewed', outcome: 'match', state: 'decided' });
  expect(await journey.slotText('recs')).toMatch(/Pick up where you left off/i);
  const body = journey.decideBodies().at(-1)!;
  expect(body.slots).toEqual(['recs']);
  expect(body.signals.page?.path).toBe('/camping.html');
  expect(body.signals.session?.pageviews).toBe(2);
});

test('a slot added after the first decisions is decided on its own', async ({ journey, page }) => {
  await journey.open('/');
  await journey.ready();
  const before = journey.decideBodies().length;
  await page.evaluate(() => {
    const cta = document.createElement('aside');
    cta.className = 'cta';
    cta.setAttribute('data-kairos-slot', 'product-cta');
    cta.textContent = 'Free 60-day returns';
    document.querySelector('main')!.append(cta);
  });
  const d = await journey.decision('product-cta');
  expect(['free-returns', 'ships-today']).toContain(d.variant);
  expect(d).toMatchObject({ outcome: 'match', rule: 'cta-message-test', state: 'decided' });
  await expect(journey.slot('product-cta')).toHaveAttribute('data-kairos-state', 'decided');
  expect(await journey.slotText('product-cta')).toMatch(/Free 60-day returns|Order by 15:00/);
  // One more request, for the new slot only; the slots already decided are not asked again.
  expect(journey.decideBodies().length).toBe(before + 1);
  expect(journey.decideBodies().at(-1)?.slots).toEqual(['product-cta']);
});
