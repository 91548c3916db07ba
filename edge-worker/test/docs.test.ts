// The docs a user reads: links that stay inside the repository, and a demo footer that
// says what the SDK stores.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const READMES = ['README.md', 'sdk/README.md'];

/** Relative link targets of a markdown file: `[text](target)`, without anchors. */
function links(md: string): string[] {
  return [...md.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z]+:|^#/.test(t)).map((t) => t.split('#')[0]!);
}

describe.each(READMES)('%s', (file) => {
  const md = readFileSync(join(root, file), 'utf8');

  it('links only to files inside the repository that exist', () => {
    const bad = links(md).filter((t) => {
      const target = resolve(root, dirname(file), t);
      return relative(root, target).startsWith('..') || !existsSync(target);
    });
    expect(bad).toEqual([]);
  });

  it('names no file outside the repository', () => {
    expect(md.match(/`(?:\.\.\/)+shared\/[^`]*`|`shared\/[^`]*`|\/work\/[\w/.-]+/g) ?? []).toEqual([]);
  });
});

describe('demo storefront footer', () => {
  const pages = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? pages(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : []));
  const all = pages(join(root, 'demo-site', 'public'));

  it('says what Kairos stores and when, instead of claiming no trackers', () => {
    expect(all.length).toBeGreaterThan(5);
    for (const page of all) {
      const footer = /<footer[\s\S]*<\/footer>/.exec(readFileSync(page, 'utf8'))?.[0] ?? '';
      expect(footer, page).not.toMatch(/no trackers/i);
      expect(footer, page).toMatch(/With consent[^<]*visitor id[^<]*IndexedDB/);
    }
  });
});
