import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
const src = readFileSync('src/start.ts', 'utf8');
const cuts = {
  history: [/  for \(const k of \['pushState'[\s\S]*?addEventListener\('popstate', navigated\);\n/, ''],
  mo: [/  new MutationObserver\([\s\S]*?attributeFilter: \[SLOT, CONTENT\] \}\);\n/, ''],
  click: [/  doc\.addEventListener\(\n    'click'[\s\S]*?true,\n  \);\n/, ''],
  lazies: [/  const lazies = \(\): void => \{[\s\S]*?\n  \};\n/, 'const lazies=()=>0;'],
  overlay: [/  if \(o\.debug\) void api\.ready[\s\S]*?m\?\.default\(api\)\);\n/, ''],
  guardloop: [/  for \(const k in api\) \{[\s\S]*?\n  \}\n/, ''],
  consentm: [/    consent\(u\) \{[\s\S]*?return \{ \.\.\.cs \};\n    \},\n/, 'consent(){},'],
  onm: [/    on\(name, fn\) \{[\s\S]*?\n    \},\n/, 'on(){},'],
  signals: [/  const signals = \(\) => \{[\s\S]*?\n  \};\n/, 'const signals=()=>({});'],
  fin: [/          let s: SlotDecision[\s\S]*?ev\(\{ type: outcome, slot, reason: s.reason.id \}\);\n/, 'let s;'],
  fetch: [/      \.then\(\(\) =>\n        fetch[\s\S]*?fin\(res, 'error'\);\n      \}\)\n/, ''],
  scan: [/  const scan = \(root: Element\): void => \{[\s\S]*?\n  \};\n/, 'const scan=()=>0;'],
  ev: [/  const ev = \(e: Partial<KairosEvent>\): void => \{[\s\S]*?\n  \};\n/, 'const ev=()=>0;'],
  ready: [/    ready: new Promise[\s\S]*?lazies\(\), d\)\),\n/, 'ready:0,'],
};
const size = async (code) => {
  const r = await build({ entryPoints: ['src/boot.ts'], bundle: true, write: false, format: 'iife', minify: true, target: 'es2022', define: { __KAIROS_V__: '"x"' }, logLevel: 'silent',
    plugins: [{ name: 's', setup(b) { if (code) b.onLoad({ filter: /start\.ts$/ }, () => ({ contents: code, loader: 'ts' })); } }] });
  return gzipSync(r.outputFiles[0].contents, { level: 9 }).length;
};
const base = await size();
console.log('base', base);
for (const [k, [re, rep]] of Object.entries(cuts)) { if (!re.test(src)) { console.log(k, 'NOMATCH'); continue; } try { console.log(k, base - await size(src.replace(re, rep))); } catch (e) { console.log(k, 'ERR') } }
