/**
 * HTTP benchmark in raw `workerd serve` (the runtime wrangler runs, without its
 * proxy): the Kairos worker, a bare Hono worker and decide's own I/O without deciding
 * (floor-worker.ts) as three services of one workerd process, same run, over 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { loadPrecompiled } from '../src/rules/load-precompiled.ts';
import { createApp } from '../src/app.ts';
import { compare, decideBody, pipelineMicros } from './load.ts';

const pkg = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'kairos-workerd-bench-'));
const common: BuildOptions = { bundle: true, format: 'esm', platform: 'neutral', target: 'es2022', mainFields: ['module', 'main'], conditions: ['workerd', 'worker', 'browser'], logLevel: 'warning' };
await build({ ...common, entryPoints: [join(pkg, 'src/adapters/workerd/entry.ts')], outfile: join(dir, 'kairos.js') });
await build({ ...common, entryPoints: [join(pkg, 'bench/bare-worker.ts')], outfile: join(dir, 'bare.js') });
await build({ ...common, entryPoints: [join(pkg, 'bench/floor-worker.ts')], outfile: join(dir, 'floor.js') });

// Decide's answer for the benchmark body, from the same app and rules in-process: the floor
// baseline answers exactly these bytes.
const loaded = loadPrecompiled(JSON.parse(readFileSync(join(pkg, '.generated', 'compiled-rules.json'), 'utf8')));
if (!loaded.ok) throw new Error(`bundled rules refused: ${loaded.error}`);
const compiled = loaded.rules;
const slots = [...compiled.slots.keys()];
const body = decideBody(compiled.site, slots);
const answer = await (await createApp({ rules: { current: () => compiled } }).request('/v1/decide', { method: 'POST', headers: { 'content-type': 'application/json' }, body })).text();
writeFileSync(join(dir, 'answer.json'), answer);

const ports = await Promise.all([0, 1, 2].map(() => import('node:net').then(({ createServer }) => new Promise<number>((ok) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => ok(p)); });
}))));
writeFileSync(join(dir, 'config.capnp'), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "kairos", worker = .kairos), (name = "bare", worker = .bare), (name = "floor", worker = .floor) ],
  sockets = [
    (name = "k", address = "127.0.0.1:${ports[0]}", http = (), service = "kairos"),
    (name = "b", address = "127.0.0.1:${ports[1]}", http = (), service = "bare"),
    (name = "f", address = "127.0.0.1:${ports[2]}", http = (), service = "floor"),
  ],
);
const kairos :Workerd.Worker = (modules = [(name = "kairos.js", esModule = embed "kairos.js")], compatibilityDate = "2026-04-01");
const bare :Workerd.Worker = (modules = [(name = "bare.js", esModule = embed "bare.js")], compatibilityDate = "2026-04-01");
const floor :Workerd.Worker = (
  modules = [(name = "floor.js", esModule = embed "floor.js")],
  bindings = [(name = "ANSWER", text = embed "answer.json")],
  compatibilityDate = "2026-04-01",
);
`);

const workerd = createRequire(join(pkg, 'package.json')).resolve('workerd/bin/workerd');
const proc = spawn(workerd, ['serve', join(dir, 'config.capnp')], { stdio: ['ignore', 'ignore', 'pipe'] });
let err = '';
proc.stderr.on('data', (d) => (err += d));
try {
  const k = `http://127.0.0.1:${ports[0]}/v1/decide`;
  const b = `http://127.0.0.1:${ports[1]}/v1/decide`;
  const fl = `http://127.0.0.1:${ports[2]}/v1/decide`;
  const until = Date.now() + 20_000;
  for (;;) {
    const res = await fetch(k, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).catch(() => null);
    if (res?.status === 200) break;
    if (res) throw new Error(`decide answered ${res.status}: ${await res.text()}`);
    if (Date.now() > until || proc.exitCode !== null) throw new Error(`workerd did not start: ${err}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const pipelineUs = await pipelineMicros(compiled, body);
  await compare('http in workerd serve', { bare: b, floor: fl, kairos: k, answerBytes: Buffer.byteLength(answer), pipelineUs }, body, slots.length);
} finally {
  proc.kill('SIGKILL');
}
