// The build that a site's own wrangler config runs (written by `kairos init`):
//   node edge-worker/scripts/build-site.mjs <rules.json>
// The SDK if it was never built, the site's rules precompiled for the Worker bundle (an
// invalid file is refused: exit 1, so `wrangler deploy` stops), and the SDK files that
// the config serves. wrangler bundles the Worker itself afterwards.
// `wrangler dev` starts its custom build twice at once (for its entry, and when its file
// watcher is ready), so runs wait for each other on a lock directory.
import { existsSync } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const edge = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(edge, '..');
const file = process.argv[2];
if (!file) {
  console.error('usage: node edge-worker/scripts/build-site.mjs <rules.json>');
  process.exit(2);
}
// Read by build.mjs when it loads.
process.env.KAIROS_RULES = resolve(file);

const lock = join(edge, '.generated', 'build-site.lock');
await mkdir(dirname(lock), { recursive: true });
for (;;) {
  try {
    await mkdir(lock);
    break;
  } catch {
    // A lock older than two minutes belongs to a build that died.
    const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
    if (age > 120_000) await rm(lock, { recursive: true, force: true });
    else await new Promise((r) => setTimeout(r, 200));
  }
}
let ok = false;
try {
  if (!existsSync(join(root, 'sdk', 'dist', 'kairos.js'))) await (await import(pathToFileURL(join(root, 'sdk', 'build.mjs')).href)).buildAll({ types: false });
  const { buildNode, copyPublic, writeBundledRules } = await import(pathToFileURL(join(edge, 'build.mjs')).href);
  await buildNode();
  ok = await writeBundledRules();
  if (ok) await copyPublic();
} finally {
  await rm(lock, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
