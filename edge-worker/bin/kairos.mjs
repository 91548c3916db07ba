#!/usr/bin/env node
// `npx kairos validate rules.json` / `npx kairos explain rules.json --context ctx.json`
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(pkg, 'dist', 'cli.mjs');
// A fresh `npm ci` has no build yet: bundle the CLI on first use (esbuild, ~100 ms).
if (!existsSync(cli)) await (await import(pathToFileURL(join(pkg, 'build.mjs')).href)).buildNode();
const { main } = await import(pathToFileURL(cli).href);
process.exitCode = await main(process.argv.slice(2), console);
