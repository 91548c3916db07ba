import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
const stubs = {
  render: ['slots/render.ts', `export const render=(s,c)=>{}`],
  store: ['memory/store.ts', `export function memory(){let r={};return{get r(){return r},mut:async f=>f(r),start:async f=>f(r),wipe:async()=>{},idle:()=>Promise.resolve()}}`],
  queue: ['transport/queue.ts', `export function queue(){return{push(){},drain(){},clear:async()=>{}}}`],
  record: ['memory/record.ts', `export const MAX_QUEUE=50,fresh=()=>({}),norm=x=>x,pageview=()=>1,interests=()=>({}),addView=()=>{},bump=()=>{}`],
  signals: ['capture/signals.ts', `export const origin=()=>({}),previewOf=()=>{},present=()=>({})`],
  options: ['options.ts', `export const resolveOptions=o=>o`],
  consent: ['consent.ts', `export const initialConsent=()=>({}),mergeConsent=()=>({})`],
};
const size = async (stub) => {
  const r = await build({ entryPoints: ['src/boot.ts'], bundle: true, write: false, format: 'iife', minify: true, target: 'es2022', define: { __KAIROS_V__: '"x"' },
    plugins: [{ name: 's', setup(b) { if (stub) b.onLoad({ filter: new RegExp(stub[0].replace('.', '\\.') + '$') }, () => ({ contents: stub[1], loader: 'js' })); } }] });
  return gzipSync(r.outputFiles[0].contents, { level: 9 }).length;
};
const base = await size();
console.log('base', base);
for (const [k, s] of Object.entries(stubs)) console.log(k, base - await size(s));
