// Starts ONE demo (the built storefront + SDK + edge in `wrangler dev`) for the whole
// run and hands its URL to the workers through the environment; the function it
// returns is Playwright's global teardown.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROXY_ENV, URL_ENV } from '../fixtures/demo.ts';
import { startDemo } from './edge-server.ts';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const built = join(root, 'edge-worker', 'dist', 'public', 'kairos.js');
// What `npm run build` copies or bundles into what the demo serves (wrangler bundles the worker itself).
const sources = ['sdk/src', 'demo-site/public', 'demo-site/rules.json'].map((p) => join(root, p));

/** The newest modification time under `path` (ms). */
function newest(path: string): number {
  const s = statSync(path, { throwIfNoEntry: false });
  if (!s) return 0;
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  // Already running (e.g. `npm start`, which trusts the dev headers too): use it.
  if (process.env[URL_ENV]) return async () => {};
  if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` at the repo root before the journeys`);
  const stale = sources.filter((p) => newest(p) > statSync(built).mtimeMs);
  if (stale.length) console.warn(`e2e: ${stale.join(', ')} changed after the last build: run \`npm run build\` to test what you changed`);
  const demo = await startDemo({ proxy: process.env[PROXY_ENV] === '1' });
  process.env[URL_ENV] = demo.url;
  return () => demo.stop();
}
