/**
 * Runs one fuzz target under the suite's invariants: every call bounded (a timer for
 * async hangs, a watchdog thread for synchronous ones, its CPU time for slow ones),
 * the whole run bounded, the built-in prototypes unchanged after every call,
 * and the heap after a forced GC no larger than before, within a margin.
 */
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { expect } from 'vitest';

/** Inputs per target (FUZZ_RUNS may raise it, never lower it below the goal). */
export const RUNS = Math.max(10_000, Number(process.env.FUZZ_RUNS ?? 0));
/** Fixed so a failure can be replayed; FUZZ_SEED explores other inputs. */
export const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
/** Inputs run before the heap is measured, so caches and JIT code are in place. */
const WARMUP = 1_000;
/**
 * CPU time one call may take (they take about half a millisecond): a pathological
 * input, like a regex that backtracks, fails here. CPU rather than wall time, which
 * other processes on a loaded machine stretch.
 */
export const CALL_CPU_MS = 1_000;
/** A call that has not settled after this long is an (asynchronous) hang. */
const CALL_WALL_MS = 10_000;
/** A call still running this long is a (synchronous) hang: the watchdog kills the process. */
const HANG_MS = 30_000;
/** The whole run of one target, in wall time: a bound against hangs, not a speed goal. */
export const TOTAL_MS = 240_000;
/** Heap growth allowed over a run (a leak of 300 bytes per input would exceed it). */
export const HEAP_MARGIN_BYTES = 3 * 1024 * 1024;

export interface FuzzReport {
  runs: number;
  ms: number;
  /** CPU time of the run (user + system), which the machine's load does not inflate. */
  cpuMs: number;
  /** CPU time of the slowest call. */
  maxCallCpuMs: number;
  heapBefore: number;
  heapAfter: number;
  /** Inputs per kind, to show the mix. */
  kinds: Record<string, number>;
  /** Inputs per outcome the check named (a status code, valid or not), to show how deep they got. */
  outcomes: Record<string, number>;
}

const PROTOTYPES = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype, Number: Number.prototype };

type Snapshot = Map<string, Map<string | symbol, PropertyDescriptor>>;

function snapshot(): Snapshot {
  const out: Snapshot = new Map();
  for (const [name, proto] of Object.entries(PROTOTYPES)) {
    out.set(name, new Map(Reflect.ownKeys(proto).map((k) => [k, Object.getOwnPropertyDescriptor(proto, k)!])));
  }
  return out;
}

/** The names of whatever changed on the built-in prototypes since `before`. */
export function prototypeChanges(before: Snapshot): string[] {
  const changes: string[] = [];
  for (const [name, proto] of Object.entries(PROTOTYPES)) {
    const was = before.get(name)!;
    const keys = Reflect.ownKeys(proto);
    for (const k of keys) {
      const d = Object.getOwnPropertyDescriptor(proto, k)!;
      const o = was.get(k);
      const same = o && Object.is(o.value, d.value) && o.get === d.get && o.set === d.set && o.writable === d.writable && o.enumerable === d.enumerable;
      if (!same) changes.push(`${name}.prototype.${String(k)} ${o ? 'changed' : 'added'}`);
    }
    if (keys.length !== was.size) for (const k of was.keys()) if (!keys.includes(k)) changes.push(`${name}.prototype.${String(k)} removed`);
  }
  if (Object.getPrototypeOf(Object.prototype) !== null) changes.push('Object.prototype has a prototype');
  return changes;
}

async function heapAfterGc(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('the fuzz suites need --expose-gc (execArgv in vitest.config.ts)');
  await new Promise((r) => setImmediate(r));
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function bounded<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error(`${what} did not settle within ${ms} ms (a hang)`)), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * Runs `check` on `RUNS` inputs from `arb` (after a warm-up), failing on the first
 * input whose check throws, or that breaks an invariant; fast-check then shrinks it.
 */
export async function fuzz<T>(label: string, arb: fc.Arbitrary<T>, check: (input: T) => Promise<string> | string, kindOf: (input: T) => string): Promise<FuzzReport> {
  const protos = snapshot();
  const state = new Int32Array(new SharedArrayBuffer(8));
  const watchdog = new Worker(new URL('./watchdog.mjs', import.meta.url), { workerData: { state, limitMs: HANG_MS, label } });
  watchdog.unref();
  let calls = 0;
  let maxCallCpuMs = 0;
  const kinds: Record<string, number> = {};
  const outcomes: Record<string, number> = {};
  const property = fc.asyncProperty(arb, async (input) => {
    calls++;
    kinds[kindOf(input)] = (kinds[kindOf(input)] ?? 0) + 1;
    Atomics.store(state, 0, calls);
    Atomics.store(state, 1, 1);
    const cpu0 = process.cpuUsage();
    try {
      const outcome = await bounded(Promise.resolve().then(() => check(input)), CALL_WALL_MS, `${label} call #${calls}`);
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    } finally {
      Atomics.store(state, 1, 0);
    }
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    maxCallCpuMs = Math.max(maxCallCpuMs, cpuMs);
    if (cpuMs > CALL_CPU_MS) throw new Error(`${label}: one call took ${Math.round(cpuMs)} ms of CPU (bound ${CALL_CPU_MS} ms)`);
    const changes = prototypeChanges(protos);
    if (changes.length) throw new Error(`${label}: built-in prototypes changed: ${changes.join(', ')}`);
  });
  try {
    await fc.assert(property, { numRuns: WARMUP, seed: SEED + 1 });
    const heapBefore = await heapAfterGc();
    calls = 0;
    for (const tally of [kinds, outcomes]) for (const k of Object.keys(tally)) delete tally[k];
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    await fc.assert(property, { numRuns: RUNS, seed: SEED, plugins: [fc.interruptAfterTimeLimit(TOTAL_MS, { failOnInterrupt: true })] });
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const heapAfter = await heapAfterGc();
    return { runs: calls, ms, cpuMs: (cpu.user + cpu.system) / 1000, maxCallCpuMs, heapBefore, heapAfter, kinds, outcomes };
  } finally {
    await watchdog.terminate();
  }
}

const tally = (t: Record<string, number>): string => Object.entries(t).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');

/** The run's figures, and the checks on them that can fail. */
export function expectHealthy(label: string, r: FuzzReport): void {
  const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
  console.log(
    `fuzz ${label}: ${r.runs} inputs in ${(r.ms / 1000).toFixed(1)} s (CPU ${(r.cpuMs / 1000).toFixed(1)} s), slowest call ${r.maxCallCpuMs.toFixed(1)} ms of CPU, ` +
      `heap after GC ${mb(r.heapBefore)} → ${mb(r.heapAfter)} MB\n  inputs: ${tally(r.kinds)}\n  outcomes: ${tally(r.outcomes)}`,
  );
  expect(r.runs).toBeGreaterThanOrEqual(10_000);
  expect(r.maxCallCpuMs).toBeLessThan(CALL_CPU_MS);
  expect(r.heapAfter - r.heapBefore, 'heap growth over the run, bytes').toBeLessThan(HEAP_MARGIN_BYTES);
}
