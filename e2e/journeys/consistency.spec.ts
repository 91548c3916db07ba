// A visitor sees the same variant on every page and after a reload: splits are a
// hash of the stored visitor id, slot and rule.
import { expect, onArm, test } from '../fixtures/index.ts';

const PRODUCTS = ['/products/ski-alpine-pro.html', '/products/camping-ember-stove.html', '/products/running-stride-vest.html'];

for (const [arm, text] of [['free-returns', /Free 60-day returns/], ['ships-today', /Order by 15:00, it ships today/]] as const) {
  test.describe(() => {
    test.use({ visitor: { id: onArm('product-cta', arm) } });
    test(`the product-cta split keeps a visitor on ${arm} across pages and reloads`, async ({ journey }) => {
      const seen: (string | undefined)[] = [];
      // The ids the edge decided with: in proxy mode it decides product-cta in the page (with the cookie's id).
      const edgeIds: (string | undefined)[] = [];
      const edgeId = async (): Promise<void> => {
        if (journey.proxy) edgeIds.push((await journey.edgeDecision('product-cta'))?.visitor);
      };
      for (const path of PRODUCTS) {
        await journey.open(path);
        seen.push((await journey.decision('product-cta')).variant);
        await edgeId();
      }
      await journey.reload();
      const last = await journey.decision('product-cta');
      seen.push(last.variant);
      await edgeId();
      expect(seen).toEqual([arm, arm, arm, arm]);
      expect(last).toMatchObject({ outcome: 'match', rule: 'cta-message-test', reason: { id: `product-cta:cta-message-test:${arm}` } });
      expect(await journey.slotText('product-cta')).toMatch(text);
      // One stored id throughout, the one the journey started with.
      expect([...new Set([...journey.decideBodies().map((b) => b.visitor), ...edgeIds])]).toEqual([journey.id]);
      if (journey.proxy) expect(edgeIds, 'product-cta decided by the edge on every page').toHaveLength(PRODUCTS.length + 1);
    });
  });
}
