// Personalisation never moves the page: every slot has a fixed box and variants are
// written to fit it. Layout shifts are measured in the page (PerformanceObserver,
// `layout-shift`, from the first paint) while variants replace the defaults.
import { expect, test, type Journey, type Visitor } from '../fixtures/index.ts';

const journeys: { name: string; visitor: Visitor; path: string; expect: Record<string, string> }[] = [
  {
    name: 'a newsletter reader on a desktop (promo and hero change)',
    visitor: { utm: { source: 'newsletter', medium: 'email', campaign: 'winter-sale' } },
    path: '/',
    expect: { promo: 'winter-code', hero: 'winter-sale-hero' },
  },
  {
    name: 'an evening visitor from Switzerland on a phone (promo and hero change)',
    visitor: { device: 'iPhone 13', country: 'CH', at: '19:30' },
    path: '/',
    expect: { promo: 'evening-express', hero: 'pocket-hero' },
  },
  {
    name: 'the urgent product CTA on a phone (a taller message in the same box)',
    visitor: { device: 'iPhone 13', id: (d) => d['product-cta']?.variant === 'ships-today' },
    path: '/products/camping-nightfall-bag.html',
    expect: { 'product-cta': 'ships-today' },
  },
];

/** The sum of layout-shift values not caused by input (CLS-style), overall and for nodes inside slots. */
async function shifts(journey: Journey): Promise<{ total: number; slots: number; moved: string[] }> {
  const all = (await journey.shifts()).filter((s) => !s.hadRecentInput);
  const sum = (xs: typeof all): number => xs.reduce((t, s) => t + s.value, 0);
  const moved = all.map((s) => `${s.value.toFixed(5)} at ${Math.round(s.ms)} ms: ${s.nodes.join(', ') || 'no source'}`);
  return { total: sum(all), slots: sum(all.filter((s) => s.inSlot)), moved };
}

for (const j of journeys) {
  test.describe(() => {
    test.use({ visitor: j.visitor });
    test(`no layout shift from personalisation: ${j.name}`, async ({ journey }) => {
      await journey.open(j.path);
      for (const [slot, variant] of Object.entries(j.expect)) expect(await journey.decision(slot), slot).toMatchObject({ variant, state: 'decided' });
      await journey.ready();
      expect(await shifts(journey)).toEqual({ total: 0, slots: 0, moved: [] });
    });
  });
}
