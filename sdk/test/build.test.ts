// The build: the size budget of the script-tag core, the chunks, and the published types.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';

const sdk = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(sdk, 'dist');
const read = (f: string): string => readFileSync(join(dist, f), 'utf8');

/**
 * The budget of the gzipped IIFE core (web-vitals, the events queue and the overlay are
 * lazy chunks). 4,096 B until 2026-12-03, then 4,160 B: the viewport read from media
 * queries (so that capture forces no layout on a loading page) cost 60 B of gzip.
 */
export const CORE_GZIP_BUDGET = 4160;

beforeAll(() => {
  execFileSync(process.execPath, [join(sdk, 'build.mjs')], { cwd: sdk, stdio: 'pipe' });
}, 60_000);

describe('build', () => {
  it(`keeps the gzipped IIFE core within ${CORE_GZIP_BUDGET} bytes`, () => {
    const gz = gzipSync(readFileSync(join(dist, 'kairos.js')), { level: 9 }).length;
    console.log(`kairos.js: ${gz} B gzip`);
    expect(gz).toBeLessThanOrEqual(CORE_GZIP_BUDGET);
    expect(JSON.parse(read('manifest.json')).files['kairos.js'].gzip).toBe(gz);
  });

  it('makes kairos.js a classic script (IIFE) that loads its chunks with a versioned import()', () => {
    const js = read('kairos.js');
    expect(js.startsWith('(()=>{')).toBe(true);
    expect(/^\s*(import|export)\s/m.test(js)).toBe(false);
    const { chunks } = JSON.parse(read('manifest.json'));
    expect(js.includes(`"${chunks}"`) && js.includes('.js?v=${')).toBe(true);
    // No console output outside debug mode: the only console call is the debug logger.
    expect(js.match(/console\./g)).toHaveLength(1);
    // Nothing that parses HTML from the network.
    expect(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|createContextualFragment|eval\(|new Function/.test(js)).toBe(false);
  });

  it('builds the lazy chunks as ES modules', () => {
    for (const f of ['kairos-watch.js', 'kairos-events.js', 'kairos-vitals.js', 'kairos-overlay.js']) expect(read(f)).toMatch(/export\s*\{/);
    expect(read('kairos-vitals.js')).toContain('largest-contentful-paint');
  });

  it('publishes types a TypeScript user can compile against', () => {
    const tsc = join(sdk, '..', 'node_modules', 'typescript', 'bin', 'tsc');
    const out = (() => {
      try {
        execFileSync(process.execPath, [tsc, '-p', join(sdk, 'types-test', 'tsconfig.json')], { stdio: 'pipe' });
        return '';
      } catch (e) {
        return String((e as { stdout?: Buffer }).stdout ?? e);
      }
    })();
    expect(out).toBe('');
  }, 60_000);
});

describe('README', () => {
  it('states the measured gzip size of kairos.js', () => {
    const readme = readFileSync(join(sdk, '..', 'README.md'), 'utf8');
    const gz = JSON.parse(read('manifest.json')).files['kairos.js'].gzip as number;
    const stated = /`kairos\.js` is \*\*([\d,]+) B gzip\*\*/.exec(readme)?.[1]?.replace(/,/g, '');
    expect(Number(stated), `README says ${stated} B; the build measures ${gz} B — update README.md`).toBe(gz);
  });
});
