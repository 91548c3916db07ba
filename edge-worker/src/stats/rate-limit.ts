import type { RateLimit } from './types.ts';

/** Events per batch a visitor may send, by default: two full batches at once, then five a second. */
export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 400, perSecond: 5 };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets per visitor, in memory, bounded: past `max` visitors the least
 * recently seen is dropped (a dropped visitor starts again with a full bucket,
 * which errs on the side of accepting). The store that owns it is single-threaded
 * per site (a Durable Object, or one Node process), so the count is exact there.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();

  constructor(readonly max = 10_000) {}

  /**
   * Takes `cost` tokens for `key` at `now` (epoch ms). Returns 0 when taken, else
   * the whole seconds to wait before the same request would pass (nothing is taken).
   */
  take(key: string, cost: number, now: number, limit: RateLimit): number {
    // A batch larger than the burst could never pass: it costs a full bucket instead.
    cost = Math.min(cost, limit.burst);
    const old = this.#buckets.get(key);
    const tokens = old ? Math.min(limit.burst, old.tokens + (Math.max(0, now - old.at) / 1000) * limit.perSecond) : limit.burst;
    // Re-insert so Map order is least recently seen first.
    this.#buckets.delete(key);
    if (tokens < cost) {
      this.#buckets.set(key, { tokens, at: now });
      return Math.max(1, Math.ceil((cost - tokens) / limit.perSecond));
    }
    this.#buckets.set(key, { tokens: tokens - cost, at: now });
    if (this.#buckets.size > this.max) this.#buckets.delete(this.#buckets.keys().next().value!);
    return 0;
  }
}
