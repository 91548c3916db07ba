import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const watchdog = fileURLToPath(new URL('./watchdog.mjs', import.meta.url));

/** A process that marks a call busy, then never returns from it (or returns at once, with `hang` false). */
function run(hang: boolean): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const code = `
    import { Worker } from 'node:worker_threads';
    const state = new Int32Array(new SharedArrayBuffer(8));
    new Worker(${JSON.stringify(watchdog)}, { workerData: { state, limitMs: 300, label: 'probe' }, execArgv: [] }).unref();
    await new Promise((r) => setTimeout(r, 300));
    Atomics.store(state, 0, 1);
    Atomics.store(state, 1, 1);
    const end = Date.now() + (${hang} ? 8000 : 0);
    while (Date.now() < end);
    process.exit(0);`;
  return new Promise((ok) => {
    const p = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d) => (stderr += d));
    p.on('exit', (exitCode, signal) => ok({ code: exitCode, signal, stderr }));
  });
}

describe('the fuzz watchdog', () => {
  it('kills a process stuck in one synchronous call, and says which', async () => {
    const r = await run(true);
    expect(r.signal).toBe('SIGKILL');
    expect(r.stderr).toContain('probe call #1 has run for more than 300 ms');
  }, 20_000);

  it('leaves a process alone that returns', async () => {
    expect(await run(false)).toEqual({ code: 0, signal: null, stderr: '' });
  }, 20_000);
});
