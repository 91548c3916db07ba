// `npm start`: the storefront, the SDK and the edge together in real workerd
// (wrangler dev, offline, no account). A changed rules file is validated first:
// invalid → its errors are printed and the last good rules keep serving.
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildNode, copyPublic, rulesPath, writeBundledRules } from '../build.mjs';

const here = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(here, '..');
const port = process.env.PORT ?? '8787';
// KAIROS_PROXY=1 (npm run start:proxy): edge rendering, the storefront's slots filled in the HTML.
const proxy = process.env.KAIROS_PROXY === '1';

await buildNode();
// The same watcher as the Node server's (built from src/adapters/node/watch-file.ts by buildNode).
const { watchFile } = await import(pathToFileURL(join(here, 'dist', 'watch-file.mjs')).href);
if (!(await writeBundledRules())) process.exit(1);
await copyPublic();

const wrangler = spawn(
  process.execPath,
  [join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js'), 'dev', '--ip', '127.0.0.1', '--port', port,
    '--var', 'KAIROS_DEV:1', '--var', `KAIROS_PROXY:${proxy ? '1' : '0'}`, '--persist-to', join(root, '.kairos-data'), '--show-interactive-dev-session=false', '--log-level', 'warn'],
  { cwd: here, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } },
);
wrangler.stdout.on('data', (chunk) => process.stdout.write(chunk));

// Announce the URL once the edge really answers (wrangler's own banner is hidden at log level warn).
const url = `http://127.0.0.1:${port}`;
const until = Date.now() + 120_000;
(async () => {
  while (Date.now() < until && wrangler.exitCode === null) {
    const ok = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
    if (ok) {
      console.log(`\n  Kairos demo storefront: ${url}/${proxy ? ' (proxy mode: slots filled at the edge)' : ''}\n  Report: ${url}/report   Health: ${url}/healthz\n  (workerd runs offline: the Request.cf warnings are expected)\n`);
      return;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
})();

// Watches the folder, not the file: an atomic save (mv, sed -i, editors) replaces the file.
watchFile(rulesPath, () => {
  writeBundledRules().then(
    (ok) => ok && console.log(`kairos: ${rulesPath} is valid; reloading`),
    (e) => console.error(`kairos: ${rulesPath} could not be checked: ${e.message}`),
  );
}, 100);
let timer;
watch(join(root, 'demo-site', 'public'), { recursive: true }, () => {
  clearTimeout(timer);
  timer = setTimeout(() => void copyPublic(), 100);
});

const stop = () => { wrangler.kill('SIGTERM'); process.exit(0); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
wrangler.on('exit', (code) => process.exit(code ?? 0));
