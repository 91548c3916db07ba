// Builds the edge: the CLI and Node server bundles, the Worker bundle, the bundled
// rules (precompiled, only when valid) and the static files the edge serves.
import { build } from 'esbuild';
import { cp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const dist = join(here, 'dist');

/**
 * The rules file the demo and the Worker bundle use; KAIROS_RULES overrides. A relative
 * path is taken from where npm was run (INIT_CWD): `npm run build` at the root runs this
 * script in edge-worker/.
 */
export const rulesPath = process.env.KAIROS_RULES
  ? resolve(process.env.INIT_CWD ?? process.cwd(), process.env.KAIROS_RULES)
  : join(root, 'demo-site', 'rules.json');

const node = { bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' };

export async function buildNode() {
  await build({ ...node, entryPoints: { cli: 'src/cli/main.ts', node: 'src/adapters/node/main.ts', 'watch-file': 'src/adapters/node/watch-file.ts', 'stats-thread': 'src/adapters/node/stats-thread.ts' }, outdir: dist, outExtension: { '.js': '.mjs' }, absWorkingDir: here });
}

/**
 * Validates the rules file and writes it precompiled (HTML sanitised into node trees, regexes
 * compiled; see src/rules/precompiled-format.ts) for the Worker bundle; an invalid file leaves
 * the last good one.
 */
export async function writeBundledRules(log = console) {
  const { checkRulesFile } = await import(pathToFileURL(join(dist, 'cli.mjs')).href + `?t=${Date.now()}`);
  const r = await checkRulesFile(rulesPath);
  for (const w of r.warnings) log.log(`kairos: ${rulesPath}: warning ${w.path}: ${w.message}`);
  if (!r.ok) {
    log.error(`kairos: ${rulesPath} is invalid; keeping the last good rules:`);
    for (const e of r.errors) log.error(`  ${e.path}: ${e.message}`);
    return false;
  }
  await mkdir(join(here, '.generated'), { recursive: true });
  await writeFile(join(here, '.generated', 'compiled-rules.json'), r.compiled);
  return true;
}

/**
 * Copies the SDK build and the storefront into dist/public for the Workers ASSETS binding
 * of the demo, and the SDK alone into dist/sdk for a site's own config (`kairos init`).
 */
export async function copyPublic() {
  const pub = join(dist, 'public');
  const sdkOnly = join(dist, 'sdk');
  for (const d of [pub, sdkOnly]) {
    await rm(d, { recursive: true, force: true });
    await mkdir(d, { recursive: true });
  }
  const demo = join(root, 'demo-site', 'public');
  if (existsSync(demo)) await cp(demo, pub, { recursive: true });
  const sdk = join(root, 'sdk', 'dist');
  if (existsSync(sdk)) {
    for (const f of await readdir(sdk)) {
      if (/^kairos.*\.js$/.test(f)) await Promise.all([pub, sdkOnly].map((d) => cp(join(sdk, f), join(d, f))));
    }
  }
}

export async function buildWorker() {
  await build({
    entryPoints: { worker: 'src/adapters/workerd/entry.ts' }, outdir: dist, bundle: true, format: 'esm', platform: 'neutral',
    target: 'es2022', mainFields: ['module', 'main'], conditions: ['workerd', 'worker', 'browser'], minify: false,
    logLevel: 'warning', absWorkingDir: here,
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildNode();
  if (!(await writeBundledRules())) process.exit(1);
  await Promise.all([copyPublic(), buildWorker()]);
}
