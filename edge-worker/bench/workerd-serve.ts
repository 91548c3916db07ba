import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** One Worker of the benchmark's workerd: a bundled module and its text bindings (name → file in `dir`). */
export interface Service {
  name: string;
  module: string;
  text?: Record<string, string>;
}

export interface Workerd {
  /** The `POST /v1/decide` URL of each service, by name. */
  urls: Record<string, string>;
  pid: number;
  stop: () => void;
}

/** A port that was free a moment ago on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer().on('error', fail).listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

/**
 * Raw `workerd serve` (the binary wrangler installs, without wrangler's proxy) running every
 * service in one process, each on its own socket on 127.0.0.1. Resolves once each service
 * answers `probe` (any status but a connection error), within 20 s.
 */
export async function startWorkerd(pkg: string, dir: string, services: Service[], probe: string): Promise<Workerd> {
  const ports = await Promise.all(services.map(freePort));
  const worker = (s: Service): string => {
    const bindings = Object.entries(s.text ?? {}).map(([name, file]) => `(name = "${name}", text = embed "${file}")`);
    return `const ${s.name}Worker :Workerd.Worker = (modules = [(name = "${s.module}", esModule = embed "${s.module}")], bindings = [${bindings.join(', ')}], compatibilityDate = "2026-04-01");`;
  };
  writeFileSync(join(dir, 'config.capnp'), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ ${services.map((s) => `(name = "${s.name}", worker = .${s.name}Worker)`).join(', ')} ],
  sockets = [ ${services.map((s, i) => `(name = "s_${s.name}", address = "127.0.0.1:${ports[i]}", http = (), service = "${s.name}")`).join(', ')} ],
);
${services.map(worker).join('\n')}
`);
  const bin = createRequire(join(pkg, 'package.json')).resolve('workerd/bin/workerd');
  const proc = spawn(bin, ['serve', join(dir, 'config.capnp')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  // workerd's own log (uncaught exceptions of a worker) goes on to the benchmark's stderr.
  proc.stderr.on('data', (d) => {
    err += d;
    process.stderr.write(d);
  });
  const stop = (): void => void proc.kill('SIGKILL');
  const urls = Object.fromEntries(services.map((s, i) => [s.name, `http://127.0.0.1:${ports[i]}/v1/decide`]));
  const until = Date.now() + 20_000;
  for (const url of Object.values(urls)) {
    for (;;) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: probe }).catch(() => null);
      if (res) break;
      if (Date.now() > until || proc.exitCode !== null || proc.pid === undefined) {
        stop();
        throw new Error(`workerd did not start: ${err}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { urls, pid: proc.pid!, stop };
}
