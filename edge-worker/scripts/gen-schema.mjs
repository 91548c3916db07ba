#!/usr/bin/env node
// Regenerates edge-worker/rules.schema.json from the valibot schema (src/rules/schema.ts):
//   node edge-worker/scripts/gen-schema.mjs
// The schema is TypeScript, so it is bundled in memory with esbuild first.
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = await build({
  entryPoints: [join(root, 'src/rules/json-schema.ts')],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'neutral',
  logLevel: 'warning',
});
const code = bundle.outputFiles[0].text;
const { rulesJsonSchemaText } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
const out = join(root, 'rules.schema.json');
await writeFile(out, rulesJsonSchemaText());
console.log(`wrote ${out}`);
