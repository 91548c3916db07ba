/**
 * Traffic at a fixed rate, bounded in count and time: each stream sends exactly
 * `rate × seconds` requests, spread evenly (a late tick catches up, never sends
 * ahead), each bounded by a timeout; latencies from send to the last body byte.
 */

/** One kind of request and its rate. */
export interface Stream {
  name: string;
  perSecond: number;
  /** The n-th request of this stream. */
  request(n: number): { path: string; body: string; headers: Record<string, string> };
}

/** What one response was: its status and Retry-After, or the error that replaced it. */
export interface Outcome {
  stream: string;
  n: number;
  status: number;
  retryAfter: string | null;
  error?: string;
  ms: number;
}

const TICK_MS = 10;
const REQUEST_TIMEOUT_MS = 10_000;

/** Sends every stream's requests to `base` for `seconds`; resolves once every response is in. */
export async function runTraffic(base: string, streams: Stream[], seconds: number): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const pending = new Set<Promise<void>>();
  const sent = streams.map(() => 0);
  const t0 = performance.now();
  const send = (s: Stream, n: number): void => {
    const { path, body, headers } = s.request(n);
    const start = performance.now();
    const p = fetch(base + path, { method: 'POST', body, headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
      .then(async (res) => {
        await res.arrayBuffer();
        outcomes.push({ stream: s.name, n, status: res.status, retryAfter: res.headers.get('retry-after'), ms: performance.now() - start });
      })
      .catch((err: unknown) => {
        outcomes.push({ stream: s.name, n, status: 0, retryAfter: null, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err), ms: performance.now() - start });
      })
      .finally(() => pending.delete(p));
    pending.add(p);
  };
  for (;;) {
    const elapsed = Math.min(seconds, (performance.now() - t0) / 1000);
    streams.forEach((s, i) => {
      const due = Math.floor(elapsed * s.perSecond);
      while (sent[i]! < due) send(s, sent[i]!++);
    });
    if (elapsed >= seconds) break;
    await new Promise((r) => setTimeout(r, TICK_MS));
  }
  while (pending.size) await Promise.all([...pending]);
  return outcomes;
}

/** The q-quantile (0..1) of `xs`, nearest rank. */
export function quantile(xs: readonly number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

export const median = (xs: readonly number[]): number => quantile(xs, 0.5);
