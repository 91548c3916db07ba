import { expect, ready, slot, test } from './harness';

test('decides the slots of a cross-origin page through the real edge', async ({ page, site, errors }) => {
  await page.goto(`${site.pages}/?utm_campaign=spring`);
  const d = await ready(page);
  expect(d.hero).toMatchObject({ variant: 'spring-sale', outcome: 'match' });
  expect(await slot(page, 'hero')).toMatchObject({ state: 'decided', text: 'Spring sale' });
  expect(await slot(page, 'ghost')).toMatchObject({ state: 'default', text: 'Default ghost' });
  expect(errors).toEqual([]);
});
