// Starts ONE demo (the built storefront + SDK + edge in `wrangler dev`) for the whole
// run and hands its URL to the workers through the environment; the function it
// returns is Playwright's global teardown.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { URL_ENV } from '../fixtures/demo.ts';
import { startDemo } from './edge-server.ts';

const built = join(resolve(fileURLToPath(new URL('../..', import.meta.url))), 'edge-worker', 'dist', 'public', 'kairos.js');

export default async function globalSetup(): Promise<() => Promise<void>> {
  // Already running (e.g. `npm start`, which trusts the dev headers too): use it.
  if (process.env[URL_ENV]) return async () => {};
  if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` at the repo root before the journeys`);
  const demo = await startDemo();
  process.env[URL_ENV] = demo.url;
  return () => demo.stop();
}
