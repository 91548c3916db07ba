/**
 * `kairos init [dir]`: the files to run Kairos for one's own site (a rules file and a
 * Workers config without the demo), never overwriting, then the next steps.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliOutput } from './validate.ts';
import { starterRules, starterWrangler, type InitPaths } from './init-files.ts';

/** Options of {@link runInit}. */
export interface InitOptions {
  /** Where to write. @default '.' */
  dir?: string;
  /** The site id (as in the script tag's `data-site`). @default the directory's name, made an id */
  site?: string;
}

const SITE = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;

/** The edge-worker package: two levels above this file in src/cli/, one above the bundled dist/cli.mjs. */
function edgeRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const found = [join(here, '..'), join(here, '..', '..')].find((d) => existsSync(join(d, 'rules.schema.json')));
  if (!found) throw new Error(`kairos init: cannot find rules.schema.json near ${here}`);
  return found;
}

const posix = (p: string): string => {
  const r = p.split(sep).join('/');
  return r.startsWith('.') ? r : `./${r}`;
};

function siteFrom(dir: string): string {
  return basename(dir).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'my-site';
}

/** The compatibility date of the demo's config, so both run alike. */
function compatibilityDate(edge: string): string {
  const m = /"compatibility_date":\s*"([\d-]+)"/.exec(readFileSync(join(edge, 'wrangler.jsonc'), 'utf8'));
  return m?.[1] ?? '2026-04-01';
}

/** Writes the starter files; returns the exit code (1 when a file exists or the site id is bad). */
export async function runInit(opts: InitOptions, out: CliOutput): Promise<number> {
  const dir = resolve(opts.dir ?? '.');
  const site = opts.site ?? siteFrom(dir);
  if (!SITE.test(site)) {
    out.error(`error --site "${site}": a site id is lowercase letters and digits, words joined by - or _`);
    return 1;
  }
  const edge = edgeRoot();
  const root = resolve(edge, '..');
  const rulesFile = join(dir, 'rules.json');
  const wranglerFile = join(dir, 'wrangler.jsonc');
  const taken = [rulesFile, wranglerFile].filter((f) => existsSync(f));
  if (taken.length) {
    for (const f of taken) out.error(`error ${relative(process.cwd(), f) || f}: already exists; kairos init never overwrites`);
    out.error('nothing written: move those files away or choose another directory');
    return 1;
  }
  const paths: InitPaths = {
    schema: posix(relative(dir, join(edge, 'rules.schema.json'))),
    entry: posix(relative(dir, join(edge, 'src', 'adapters', 'workerd', 'entry.ts'))),
    sdkAssets: posix(relative(dir, join(edge, 'dist', 'sdk'))),
    wranglerSchema: posix(relative(dir, join(root, 'node_modules', 'wrangler', 'config-schema.json'))),
    root: posix(relative(dir, root) || '.'),
    rulesFromRoot: posix(relative(root, rulesFile)),
  };
  await mkdir(dir, { recursive: true });
  // 'wx': fail rather than overwrite a file created since the check.
  await writeFile(rulesFile, JSON.stringify(starterRules(site, paths.schema), null, 2) + '\n', { flag: 'wx' });
  await writeFile(wranglerFile, starterWrangler(site, paths, compatibilityDate(edge)), { flag: 'wx' });
  const rel = (f: string): string => relative(process.cwd(), f) || '.';
  out.log(`Wrote ${rel(rulesFile)} and ${rel(wranglerFile)} for site "${site}".

Next steps:
  1. Edit ${rel(rulesFile)}: your origins (the pages allowed to call the edge) and your slots.
     Check it:  npx kairos validate ${rel(rulesFile)}
  2. On your pages:  <script src="https://YOUR-EDGE/kairos.js" data-site="${site}" async></script>
     and  <section data-kairos-slot="hero">your default content</section>
  3. Cloudflare Workers: npx wrangler secret put KAIROS_SECRET -c ${rel(wranglerFile)}   (once)
     then  npx wrangler deploy -c ${rel(wranglerFile)}
     (builds the edge with these rules first; an invalid rules file stops the deploy)
     Try it locally first:  npx wrangler dev -c ${rel(wranglerFile)}
     (with KAIROS_SECRET=<random> in ${rel(join(dir, '.dev.vars'))}; never commit that file)
  4. Or Node:  npm run build && node edge-worker/dist/node.mjs --rules ${rel(rulesFile)} --no-public --host 0.0.0.0
     (PORT or --port sets the port, default 8787; a saved rules file is reloaded)`);
  return 0;
}
