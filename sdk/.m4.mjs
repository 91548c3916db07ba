import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
const src = readFileSync('src/slots/render.ts', 'utf8');
const size = async (code) => {
  const r = await build({ entryPoints: ['src/boot.ts'], bundle: true, write: false, format: 'iife', minify: true, target: 'es2022', define: { __KAIROS_V__: '"x"' }, logLevel: 'silent',
    plugins: [{ name: 's', setup(b) { if (code) b.onLoad({ filter: /render\.ts$/ }, () => ({ contents: code, loader: 'ts' })); } }] });
  return gzipSync(r.outputFiles[0].contents, { level: 9 }).length;
};
const base = await size();
console.log('base', base);
console.log('TAG', base - await size(src.replace(/export const TAG =\n  \/.*\/;/, 'export const TAG=/^a$/;')));
console.log('ATTR', base - await size(src.replace(/const ATTR =\n  \/.*\/;/, 'const ATTR=/^a$/;')));
