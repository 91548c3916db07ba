// The kit checks itself: the console guard behind "no console error in any journey".
import { guardConsole } from '../fixtures/console.ts';
import { expect, test } from '../fixtures/index.ts';

test('the console guard catches console errors and page errors, and never lets a page error through', async ({ context, baseURL }) => {
  // A second page: the journey's own guard watches `page` and would fail this test.
  const other = await context.newPage();
  const guard = guardConsole(other);
  await other.goto(`${baseURL}/`);
  await other.evaluate(() => console.error('something broke'));
  const thrown = other.waitForEvent('pageerror', { timeout: 5_000 });
  await other.evaluate(() =>
    queueMicrotask(() => {
      throw new Error('uncaught');
    }),
  );
  await thrown;
  expect(guard.unexpected()).toEqual([expect.stringMatching(/^console\.error: something broke/), 'pageerror: uncaught']);
  guard.allow(/.*/);
  expect(guard.unexpected()).toEqual(['pageerror: uncaught']);
  await other.close();
});
