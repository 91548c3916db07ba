// A watchdog thread for the fuzz suites. A synchronous hang in the main thread (an
// endless loop, a regex that backtracks for minutes) blocks every timer there, so no
// timeout in the test itself can fire: this thread sees the same call still busy past
// the limit, says which on stderr and kills the process, so the run fails, not hangs.
import { writeSync } from 'node:fs';
import { workerData } from 'node:worker_threads';

/** @type {{ state: Int32Array, limitMs: number, label: string }} */
const { state, limitMs, label } = workerData;
let seen = -1;
let since = Date.now();
setInterval(() => {
  const call = Atomics.load(state, 0);
  if (Atomics.load(state, 1) === 0 || call !== seen) {
    seen = call;
    since = Date.now();
    return;
  }
  if (Date.now() - since > limitMs) {
    // fd 2 directly: the main thread, which owns process.stderr, is the one stuck.
    writeSync(2, `\nfuzz watchdog: ${label} call #${call} has run for more than ${limitMs} ms without returning (a hang); killing the process\n`);
    process.kill(process.pid, 'SIGKILL');
  }
}, 50);
