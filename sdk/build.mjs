// Builds the SDK:
//   dist/kairos.js           IIFE for the script tag (minified; the size-budgeted core)
//   dist/kairos-watch.js     lazy chunk: slots added later, SPA routes; loads the two below (after the first decisions)
//   dist/kairos-events.js    lazy chunk: exposures, conversions, events queue (with consent)
//   dist/kairos-vitals.js    lazy chunk: web-vitals (ES module, loaded with import())
//   dist/kairos-overlay.js   lazy chunk: the debug overlay (ES module)
//   dist/index.js + .d.ts    ESM build with types for bundler users
//   dist/react.js + .d.ts    `@kairos/sdk/react`: the slot component and hooks (react external)
//   dist/manifest.json       version (content hash) and sizes, raw and gzipped
// The core loads the chunks as `kairos-<name>.js?v=<hash of the chunks>`, so the edge
// can cache versioned URLs for a year; `/kairos.js` itself keeps one URL.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildTypes } from './build-types.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
// 8 hex digits tell builds apart; each more is a byte in the budgeted core.
const hash = (s) => createHash('sha256').update(s).digest('hex').slice(0, 8);
const common = { bundle: true, absWorkingDir: here, logLevel: 'warning', target: 'es2022', legalComments: 'none' };
// Byte-saving: internal field names end in `_` (sdk/src/state.ts) and are renamed to
// short ones in the core and the ESM build. Public API, wire and stored names never
// end in `_`; the chunks share no such field with the core.
export const MANGLE = /[^_]_$/;

export async function buildAll({ types = true } = {}) {
  await rm(dist, { recursive: true, force: true });
  await mkdir(dist, { recursive: true });

  await build({
    ...common,
    entryPoints: { 'kairos-watch': 'src/lazy/watch.ts', 'kairos-events': 'src/lazy/events.ts', 'kairos-vitals': 'src/lazy/vitals.ts', 'kairos-overlay': 'src/lazy/overlay.ts' },
    outdir: dist,
    format: 'esm',
    minify: true,
  });
  const chunks = await Promise.all(['kairos-watch.js', 'kairos-events.js', 'kairos-vitals.js', 'kairos-overlay.js'].map((f) => readFile(join(dist, f), 'utf8')));
  const v = hash(chunks.join('\n'));
  const define = { __KAIROS_V__: JSON.stringify(v) };

  // tsconfigRaw: no "use strict" prologue from the repo's `strict` (bytes; the code does not depend on it).
  await build({ ...common, entryPoints: ['src/boot.ts'], outfile: join(dist, 'kairos.js'), format: 'iife', minify: true, define, tsconfigRaw: '{}', mangleProps: MANGLE });
  await build({
    ...common,
    entryPoints: ['src/index.ts'],
    outfile: join(dist, 'index.js'),
    format: 'esm',
    target: 'es2022',
    packages: 'external',
    define,
    mangleProps: MANGLE,
  });

  // `@kairos/sdk/react`: React stays the app's own (an optional peer dependency).
  await build({ ...common, entryPoints: ['src/react/index.ts'], outfile: join(dist, 'react.js'), format: 'esm', packages: 'external' });

  const manifest = { version: hash(await readFile(join(dist, 'kairos.js'))), chunks: v, files: {} };
  for (const f of ['kairos.js', 'kairos-watch.js', 'kairos-events.js', 'kairos-vitals.js', 'kairos-overlay.js', 'index.js']) {
    const b = await readFile(join(dist, f));
    manifest.files[f] = { bytes: b.length, gzip: gzipSync(b, { level: 9 }).length };
  }
  await writeFile(join(dist, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

  if (types) {
    // Declarations for the ESM entry, the wire types copied in (build-types.mjs).
    await buildTypes(here, dist);
    await writeFile(join(dist, 'react.d.ts'), "export * from './types/react/index.js';\n");
  }
  return manifest;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const m = await buildAll();
  for (const [f, s] of Object.entries(m.files)) console.log(`${f.padEnd(18)} ${String(s.bytes).padStart(6)} B  ${String(s.gzip).padStart(5)} B gzip`);
}
