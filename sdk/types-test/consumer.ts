// Compiled against dist/index.d.ts by test/build.test.ts: what a bundler user writes.
import { start, type Consent, type Decisions, type Kairos, type SlotDecision, type Signals } from '@kairos/sdk';

const k: Kairos = start({ site: 'demo', endpoint: 'https://edge.example', timeout: 250, consent: 'pending' });
const ready: Promise<Decisions> = k.ready;
const off: () => void = k.on('decision', (d: SlotDecision) => {
  const v: string | undefined = d.variant;
  const id: string = d.reason.id;
  void v;
  void id;
});
const c: Consent = k.consent({ analytics: true });
const s: Signals = k.context();
k.view({ id: 'sku-1', tags: ['ski'] });
k.convert('add-to-cart', { value: 12 });
void k.refresh().then((d) => d.hero?.outcome);
void k.forget();

// @ts-expect-error: the site id is a string
start({ site: 1 });
// @ts-expect-error: unknown consent default
start({ site: 'x', consent: 'maybe' });
// @ts-expect-error: only known SDK events
k.on('nonsense', () => {});

void ready;
void off;
void c;
void s;
