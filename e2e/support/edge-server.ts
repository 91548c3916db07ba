import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.ts';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** A running demo: storefront, SDK and edge in real workerd via `wrangler dev`. */
export interface DemoServer {
  url: string;
  stop(): Promise<void>;
}

async function waitHealthy(url: string, proc: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (proc.exitCode !== null) throw new Error(`wrangler dev exited with ${proc.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the demo did not become healthy within ${timeoutMs} ms:\n${log()}`);
}

/**
 * Starts the built demo (npm run build first) in `wrangler dev` on a free
 * 127.0.0.1 port, in dev mode (test headers trusted), with its own state folder;
 * `proxy` turns on edge rendering (the storefront's slots filled in the HTML).
 */
export async function startDemo(opts: { proxy?: boolean } = {}): Promise<DemoServer> {
  const port = await freePort();
  const state = mkdtempSync(join(tmpdir(), 'kairos-e2e-state-'));
  let output = '';
  const proc = spawn(
    process.execPath,
    [join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js'), 'dev', '--ip', '127.0.0.1', '--port', String(port),
      '--var', 'KAIROS_DEV:1', '--var', `KAIROS_PROXY:${opts.proxy ? '1' : '0'}`, '--persist-to', state, '--show-interactive-dev-session=false', '--log-level', 'warn', '--inspector-port', String(await freePort())],
    { cwd: join(root, 'edge-worker'), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' } },
  );
  // Keep the last of what wrangler says: it is printed if the demo dies during the run.
  const keep = (d: Buffer): void => void (output = (output + d).slice(-20_000));
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  let stopping = false;
  proc.once('exit', (code, signal) => {
    if (!stopping) console.error(`e2e: the demo (wrangler dev) exited during the run (code ${code}, signal ${signal}):\n${output.slice(-6000)}`);
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(url, proc, () => output.slice(-4000), 90_000);
  } catch (e) {
    proc.kill('SIGKILL');
    throw e;
  }
  return {
    url,
    stop: () =>
      new Promise<void>((ok) => {
        const done = (): void => {
          rmSync(state, { recursive: true, force: true });
          ok();
        };
        stopping = true;
        if (proc.exitCode !== null) return done();
        const kill = setTimeout(() => proc.kill('SIGKILL'), 5000);
        proc.once('exit', () => {
          clearTimeout(kill);
          done();
        });
        proc.kill('SIGTERM');
      }),
  };
}
