// The global holdout (5 % of visitors, rules.json `holdout`): default content in every
// slot, whatever the context, so that lift can be measured against it.
import { expect, inHoldout, test } from '../fixtures/index.ts';

test.use({
  // A visitor the edge puts in the holdout, arriving with context that matches rules in every slot.
  visitor: { id: inHoldout, utm: { source: 'newsletter', medium: 'email', campaign: 'winter-sale' }, device: 'iPhone 13', country: 'CH' },
});

test('a holdout visitor sees the default content in every slot, on every page', async ({ journey }) => {
  await journey.open('/');
  for (const slot of ['promo', 'hero', 'recs']) {
    const d = await journey.decision(slot);
    expect(d, slot).toMatchObject({ outcome: 'holdout', state: 'default', reason: { id: `${slot}:-:holdout` } });
    expect(d.variant, slot).toBeUndefined();
  }
  expect(await journey.slotText('promo')).toBe('Free shipping on orders over €75 · free 60-day returns');
  expect(await journey.slotText('hero')).toMatch(/Gear for the golden hour/);

  await journey.open('/products/ski-alpine-pro.html');
  expect(await journey.decision('product-cta')).toMatchObject({ outcome: 'holdout', state: 'default' });
  expect(await journey.slotText('product-cta')).toMatch(/^Free 60-day returns/);
  expect(journey.decideBodies().every((b) => b.visitor === journey.id)).toBe(true);
});
