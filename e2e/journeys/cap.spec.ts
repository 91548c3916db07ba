// A frequency cap: `returning-welcome` has `cap: { perVisitor: 3 }`. Exposures are
// counted on the device (a slot half in view), and the fourth page shows the default.
import { expect, test } from '../fixtures/index.ts';

test.use({ visitor: { returning: true } });

test('a returning visitor sees "Welcome back" three times, then the default (cap reached)', async ({ journey }) => {
  for (let n = 1; n <= 3; n++) {
    await journey.open('/');
    expect(await journey.decision('hero'), `visit ${n}`).toMatchObject({ variant: 'welcome-back', rule: 'returning-welcome', outcome: 'match' });
    // The exposure is stored once the hero has been in view.
    await expect.poll(async () => (await journey.stored())?.e['hero/returning-welcome'], { message: `exposure ${n} stored` }).toBe(n);
  }
  await journey.open('/');
  const d = await journey.decision('hero');
  expect(d).toMatchObject({ outcome: 'cap', state: 'default', reason: { outcome: 'cap', rule: 'returning-welcome' } });
  expect(d.variant).toBeUndefined();
  expect(await journey.slotText('hero')).toMatch(/Gear for the golden hour/);
  // The exposures the SDK sent with that last decision.
  expect(journey.decideBodies().at(-1)?.signals.exposures?.visitor).toMatchObject({ 'hero/returning-welcome': 3 });
});
