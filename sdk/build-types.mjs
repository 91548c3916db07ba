// The published declarations: dist/index.d.ts and dist/types/. tsc emits the SDK's
// declarations together with the edge's wire types (edge-worker/src/protocol/) that
// they import; this moves the protocol's into dist/types/protocol/ and rewrites the
// specifiers, so that no declaration points outside the package. Any other edge file
// reaching the declarations is an error: the package ships no edge internals.
// Specifiers get a `.js` extension so that `moduleResolution: nodenext` resolves them too.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, sep } from 'node:path';

/** Where each emitted tree goes inside dist/types/, keyed by its path below the repo root. */
const TREES = [
  ['sdk/src', ''],
  ['edge-worker/src/protocol', 'protocol'],
];

async function walk(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}

/** The file's place in dist/types/ (posix, relative), or undefined when it is not publishable. */
function place(fromRoot) {
  for (const [tree, to] of TREES) {
    if (fromRoot === tree || fromRoot.startsWith(tree + '/')) return posix.join(to, fromRoot.slice(tree.length + 1));
  }
  return undefined;
}

/** A relative specifier of `file` (both in emitted-tree terms) → the specifier to publish. */
function rewrite(spec, fileFromRoot, emitted) {
  const target = posix.normalize(posix.join(posix.dirname(fileFromRoot), spec.replace(/\.(js|ts)$/, '')));
  const asFile = emitted.has(target + '.d.ts') ? target + '.d.ts' : emitted.has(target + '/index.d.ts') ? target + '/index.d.ts' : undefined;
  const to = asFile && place(asFile);
  if (!to) throw new Error(`sdk types: ${fileFromRoot} imports ${spec}, which is not part of the package`);
  let rel = posix.relative(posix.dirname(place(fileFromRoot)), to).replace(/\.d\.ts$/, '.js');
  if (!rel.startsWith('.')) rel = './' + rel;
  return rel;
}

/** Emits the declarations of `src/index.ts` into `dist` (index.d.ts + types/). */
export async function buildTypes(here, dist) {
  const tsc = join(here, '..', 'node_modules', 'typescript', 'bin', 'tsc');
  const tmp = await mkdtemp(join(tmpdir(), 'kairos-sdk-types-'));
  try {
    execFileSync(process.execPath, [tsc, '-p', join(here, 'tsconfig.build.json'), '--outDir', tmp], { stdio: 'inherit' });
    const files = (await walk(tmp)).map((f) => relative(tmp, f).split(sep).join('/'));
    const emitted = new Set(files);
    for (const f of files) {
      const to = place(f);
      if (!to) throw new Error(`sdk types: ${f} would ship an edge internal`);
      const text = (await readFile(join(tmp, f), 'utf8')).replace(
        /(\bfrom\s*|\bimport\s*\(\s*)(['"])(\.{1,2}\/[^'"]*)\2/g,
        (_m, lead, q, spec) => `${lead}${q}${rewrite(spec, f, emitted)}${q}`,
      );
      const out = join(dist, 'types', to);
      await mkdir(dirname(out), { recursive: true });
      await writeFile(out, text);
    }
    await writeFile(join(dist, 'index.d.ts'), "export * from './types/index.js';\n");
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
