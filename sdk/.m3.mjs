import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
const size = async (stubs) => {
  const r = await build({ entryPoints: ['src/boot.ts'], bundle: true, write: false, format: 'iife', minify: true, target: 'es2022', define: { __KAIROS_V__: '"x"' }, logLevel: 'silent',
    plugins: [{ name: 's', setup(b) { for (const [re, c] of stubs) b.onLoad({ filter: re }, () => ({ contents: c, loader: 'js' })); } }] });
  return gzipSync(r.outputFiles[0].contents, { level: 9 }).length;
};
const base = await size([]);
console.log('base', base);
console.log('idb-keyval', base - await size([[/idb-keyval.*index\.js$/, 'export const createStore=()=>0,promisifyRequest=()=>0']]));
console.log('util', base - await size([[/util\.ts$/, 'export const setDebug=()=>0,log=()=>0,guard=f=>f,now=Date.now,rid=()=>"x"']]));
console.log('lazy', base - await size([[/load\.ts$/, 'export const lazy=()=>0']]));
