import type { Context } from 'hono';
import type { WeightsRefresher } from './refresher.ts';

/**
 * Lets a request start a due weights refresh without waiting for it: on Workers the
 * promise goes to `ctx.waitUntil` (or the runtime could cut it off after the answer);
 * on Node it simply runs on in the background. Never throws into the request.
 */
export function pokeLearner(learner: WeightsRefresher | undefined, c: Context): void {
  const running = learner?.poke();
  if (!running) return;
  try {
    c.executionCtx.waitUntil(running);
  } catch {
    // No execution context (Node, tests): the promise runs on by itself and never rejects.
  }
}
