// The Worker bundle's size budget: the demo's rules bundled precompiled, minified as
// `wrangler deploy --minify` ships it. README states the figure this measures.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleWorker } from './worker-bundle.ts';

/** Minified bytes (KB of 1000 B) the Worker bundle may take; the goal is 120 KB (README "Architecture"). */
export const WORKER_BUDGET_KB = 149;

const demoRules = fileURLToPath(new URL('../../demo-site/rules.json', import.meta.url));
let meta: Metafile;

const bundleBytes = (): number => Object.values(meta.outputs)[0]!.bytes;
const kb = (bytes: number): string => (bytes / 1000).toFixed(1);

/** What one input counts under: its package, its src/ folder, or the bundled rules. */
function part(file: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (pkg) return pkg[1]!;
  if (file.endsWith('compiled-rules.json')) return 'rules (precompiled)';
  return /src\/([^/]+\/)?/.exec(file)?.[0].replace(/\/$/, '') ?? file;
}

/** Minified bytes per package, src/ folder and the rules, largest first. */
function parts(m: Metafile): string {
  const out: Record<string, number> = {};
  for (const [file, input] of Object.entries(Object.values(m.outputs)[0]!.inputs)) out[part(file)] = (out[part(file)] ?? 0) + input.bytesInOutput;
  return Object.entries(out).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${kb(v)}`).join(', ');
}

beforeAll(async () => {
  meta = await bundleWorker(demoRules, join(tmpdir(), `kairos-worker-size-${process.pid}.mjs`), { minify: true });
}, 60_000);

describe('the Worker bundle', () => {
  it(`stays within ${WORKER_BUDGET_KB} KB minified`, () => {
    console.log(`worker bundle: ${bundleBytes()} B minified (${kb(bundleBytes())} KB); KB per part: ${parts(meta)}`);
    expect(bundleBytes()).toBeLessThanOrEqual(WORKER_BUDGET_KB * 1000);
  });

  it('carries no validator schema, sanitiser, HTML parser or regex compiler: rules come precompiled', () => {
    const inputs = Object.keys(Object.values(meta.outputs)[0]!.inputs);
    const heavy = inputs.filter((f) => /node_modules\/(htmlparser2|entities|domhandler|jstat)\/|src\/rules\/(schema|sanitise|validate|semantics)\.ts$|src\/language\/regex\/(compile|compile-regex|case-fold)\.ts$/.test(f));
    expect(heavy).toEqual([]);
    expect(inputs.some((f) => f.endsWith('src/rules/load-precompiled.ts'))).toBe(true);
  });
});

describe('README', () => {
  // Within 1 KB rather than exact, so that each change to the edge does not have to edit README.
  it('states the budget and a size within 1 KB of the measured one', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const [, size, budget] = /Worker bundle\*\* is ([\d.]+) KB minified \(budget (\d+) KB/.exec(readme) ?? [];
    expect(Number(budget), 'README states another budget than test/worker-size.test.ts').toBe(WORKER_BUDGET_KB);
    expect(Math.abs(Number(size) * 1000 - bundleBytes()), `README says ${size} KB; the build measures ${kb(bundleBytes())} KB: update README.md`).toBeLessThanOrEqual(1000);
  });
});
