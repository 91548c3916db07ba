#!/usr/bin/env node
// Regenerates edge-worker/rules.schema.json from the valibot schema (src/rules/schema.ts) and
// edge-worker/decide-request.schema.json from the decide specification (src/http/decide-request.ts):
//   node edge-worker/scripts/gen-schema.mjs
// The schema is TypeScript, so it is bundled in memory with esbuild first.
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = await build({
  stdin: {
    contents: "export { rulesJsonSchemaText } from './src/rules/json-schema.ts'; export { decideRequestJsonSchemaText } from './src/http/decide-request-schema.ts';",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'neutral',
  logLevel: 'warning',
});
const code = bundle.outputFiles[0].text;
const { rulesJsonSchemaText, decideRequestJsonSchemaText } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
for (const [file, text] of [['rules.schema.json', rulesJsonSchemaText()], ['decide-request.schema.json', decideRequestJsonSchemaText()]]) {
  await writeFile(join(root, file), text);
  console.log(`wrote ${join(root, file)}`);
}
