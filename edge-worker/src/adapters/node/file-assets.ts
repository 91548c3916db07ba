import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AssetSource } from '../../app-options.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

async function fileIn(root: string, path: string): Promise<string | null> {
  let rel: string;
  try {
    rel = normalize(decodeURIComponent(path)).replace(/^([/\\])+/, '');
  } catch {
    return null;
  }
  const full = resolve(root, rel);
  // Never serve outside the root, whatever the path says.
  if (full !== root && !full.startsWith(root + sep)) return null;
  const s = await stat(full).catch(() => null);
  if (s?.isDirectory()) return fileIn(root, join(rel, 'index.html'));
  if (s?.isFile()) return full;
  // Pretty URLs: /cart → cart.html, like Workers static assets.
  if (!extname(full)) {
    const html = await stat(full + '.html').catch(() => null);
    if (html?.isFile()) return full + '.html';
  }
  return null;
}

/** Static files from directories on disk, first match wins (Node adapter). */
export function fileAssets(dirs: readonly string[]): AssetSource {
  const roots = dirs.map((d) => resolve(d));
  return {
    async get(path, req) {
      for (const root of roots) {
        const file = await fileIn(root, path);
        if (!file) continue;
        const body = await readFile(file);
        const s = await stat(file);
        const etag = `W/"${s.size.toString(16)}-${Math.floor(s.mtimeMs).toString(16)}"`;
        if (req.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: { ETag: etag } });
        return new Response(body, {
          headers: { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', ETag: etag },
        });
      }
      return null;
    },
  };
}
