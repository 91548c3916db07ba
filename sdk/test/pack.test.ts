// The published package: `npm pack` of the SDK, installed into a clean folder without
// the network, type-checked by a consumer and imported by Node.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const sdk = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(sdk, '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const work = mkdtempSync(join(tmpdir(), 'kairos-pack-'));
const app = join(work, 'app');
const installed = join(app, 'node_modules', '@kairos', 'sdk');
const PACKAGE_FILES = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist'];

let packed: string[] = [];

function run(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, stdio: 'pipe', encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  } catch (e) {
    const x = e as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed:\n${x.stdout ?? ''}${x.stderr ?? e}`);
  }
}

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));

/** A complete build: every file the manifest lists, with its size, and the declarations. */
function complete(dir: string): boolean {
  try {
    const m = JSON.parse(readFileSync(join(dir, 'dist', 'manifest.json'), 'utf8')) as { files: Record<string, { bytes: number }> };
    return (
      Object.entries(m.files).every(([f, s]) => statSync(join(dir, 'dist', f)).size === s.bytes) &&
      existsSync(join(dir, 'dist', 'index.d.ts')) &&
      existsSync(join(dir, 'dist', 'types', 'index.d.ts'))
    );
  } catch {
    return false;
  }
}

/**
 * Copies the package as it would be packed. build.test.ts rebuilds dist/ at the same
 * time, so the copy is retried until it is a complete build.
 */
async function snapshot(to: string): Promise<void> {
  if (!existsSync(join(sdk, 'dist'))) run(process.execPath, [join(sdk, 'build.mjs')], sdk);
  for (let i = 0; i < 60; i++) {
    rmSync(to, { recursive: true, force: true });
    mkdirSync(to, { recursive: true });
    try {
      for (const f of PACKAGE_FILES) cpSync(join(sdk, f), join(to, f), { recursive: true });
      if (complete(to)) return;
    } catch {
      // dist/ was being rewritten; try again
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('sdk/dist never held a complete build: run `npm run build -w sdk`');
}

/**
 * The consumer's lockfile: the tarball, and the SDK's two dependencies at the versions and
 * integrity of the repo's lockfile, so that `npm ci --offline` takes them from the npm
 * cache that the repo's `npm ci` filled (the cache holds their tarballs, not the
 * registry's metadata that a bare `npm install --offline <tarball>` would need).
 */
function consumerLock(tarball: string): object {
  const repo = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string; integrity: string }> };
  const sdkPkg = JSON.parse(readFileSync(join(sdk, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };
  const spec = `file:${tarball}`;
  const packages: Record<string, object> = {
    '': { name: 'consumer', dependencies: { '@kairos/sdk': spec } },
    'node_modules/@kairos/sdk': {
      version: sdkPkg.version,
      resolved: spec,
      integrity: `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`,
      dependencies: sdkPkg.dependencies,
    },
  };
  for (const dep of Object.keys(sdkPkg.dependencies)) {
    const locked = repo.packages[`node_modules/${dep}`]!;
    packages[`node_modules/${dep}`] = {
      version: locked.version,
      resolved: `https://registry.npmjs.org/${dep}/-/${dep}-${locked.version}.tgz`,
      integrity: locked.integrity,
    };
  }
  return { name: 'consumer', lockfileVersion: 3, requires: true, packages };
}

const CONSUMER = `import { start, type Decisions, type Kairos, type SlotDecision, type SlotReason } from '@kairos/sdk';

const k: Kairos = start({ site: 'demo', endpoint: 'https://edge.example', timeout: 250 });
const ready: Promise<Decisions> = k.ready;
k.on('decision', (d: SlotDecision) => {
  const r: SlotReason = d.reason;
  void r.outcome;
});
// @ts-expect-error: the site id is a string (fails if the types resolve to any)
start({ site: 1 });
void ready;
`;

function typecheck(moduleResolution: 'bundler' | 'nodenext'): string {
  const dir = join(app, `check-${moduleResolution}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'consumer.ts'), CONSUMER);
  const module = moduleResolution === 'bundler' ? 'ESNext' : 'NodeNext';
  const compilerOptions = { target: 'ES2022', module, moduleResolution, lib: ['ES2022', 'DOM'], strict: true, noEmit: true, skipLibCheck: false, types: [] };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['consumer.ts'] }));
  try {
    execFileSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { cwd: dir, stdio: 'pipe' });
    return '';
  } catch (e) {
    return String((e as { stdout?: Buffer }).stdout ?? e);
  }
}

beforeAll(async () => {
  const src = join(work, 'src');
  await snapshot(src);
  const out = JSON.parse(run(npm, ['pack', '--ignore-scripts', '--offline', '--json', '--pack-destination', work], src)) as [{ filename: string; files: { path: string }[] }];
  packed = out[0].files.map((f) => f.path);
  const tarball = join(work, out[0].filename);
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: { '@kairos/sdk': `file:${tarball}` } }));
  writeFileSync(join(app, 'package-lock.json'), JSON.stringify(consumerLock(tarball)));
  run(npm, ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], app);
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm pack of @kairos/sdk', () => {
  it('packs the builds, the declarations and the legal files, and nothing of the sources', () => {
    for (const f of ['dist/kairos.js', 'dist/index.js', 'dist/index.d.ts', 'dist/types/index.d.ts', 'dist/types/protocol/index.d.ts', 'LICENSE', 'CHANGELOG.md', 'README.md', 'package.json']) {
      expect(packed, f).toContain(f);
    }
    expect(packed.filter((f) => !f.startsWith('dist/') && !PACKAGE_FILES.includes(f))).toEqual([]);
    expect(packed.filter((f) => /\.ts$/.test(f) && !/\.d\.ts$/.test(f))).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg.private).toBeUndefined();
    expect(pkg.license).toBe('MIT');
  });

  it('installs offline with its dependencies', () => {
    for (const dep of ['idb-keyval', 'web-vitals']) expect(existsSync(join(app, 'node_modules', dep, 'package.json')), dep).toBe(true);
  });

  it('ships declarations whose imports all resolve inside the package', () => {
    const decls = walk(installed).filter((f) => f.endsWith('.d.ts'));
    expect(decls.length).toBeGreaterThan(2);
    // Bare specifiers may name the package itself (JSDoc examples), its dependencies or its (optional) peers.
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { name: string; dependencies: Record<string, string>; peerDependencies?: Record<string, string> };
    const bare = new Set([pkg.name, ...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies ?? {})]);
    const outside: string[] = [];
    for (const f of decls) {
      for (const [, spec] of readFileSync(f, 'utf8').matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)['"]([^'"]+)['"]/g)) {
        if (!spec!.startsWith('.')) {
          if (!bare.has(spec!)) outside.push(`${relative(installed, f)}: ${spec}`);
          continue;
        }
        const target = resolve(dirname(f), spec!).replace(/\.js$/, '.d.ts');
        if (!target.startsWith(installed + sep) || !existsSync(target)) outside.push(`${relative(installed, f)}: ${spec}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it.each(['bundler', 'nodenext'] as const)('type-checks a consumer with moduleResolution %s', (mode) => {
    expect(typecheck(mode)).toBe('');
  }, 60_000);

  it('imports in Node: the ESM build exports start, the script-tag build is exported', () => {
    const script = `import * as m from '@kairos/sdk';
const p = await import('@kairos/sdk/package.json', { with: { type: 'json' } });
console.log(JSON.stringify({ keys: Object.keys(m), start: typeof m.start, iife: import.meta.resolve('@kairos/sdk/kairos.js'), version: p.default.version }));`;
    const got = JSON.parse(run(process.execPath, ['--input-type=module', '-e', script], app)) as { keys: string[]; start: string; iife: string; version: string };
    expect(got.keys).toEqual(['start']);
    expect(got.start).toBe('function');
    expect(fileURLToPath(got.iife)).toBe(join(installed, 'dist', 'kairos.js'));
    expect(readFileSync(fileURLToPath(got.iife), 'utf8').startsWith('(()=>{')).toBe(true);
    expect(got.version).toBe((JSON.parse(readFileSync(join(sdk, 'package.json'), 'utf8')) as { version: string }).version);
  });
});
