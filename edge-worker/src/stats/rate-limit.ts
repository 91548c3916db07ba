import type { RateLimit } from './types.ts';

/** Events per batch a visitor may send, by default: two full batches at once, then five a second. */
export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 400, perSecond: 5 };

/**
 * Events one client address may send, by default: many visitors can share an address
 * (an office, a mobile carrier's NAT), so it is far above a visitor's, yet it bounds
 * what one machine can send however many visitor ids it makes up.
 */
export const DEFAULT_CLIENT_RATE_LIMIT: RateLimit = { burst: 2000, perSecond: 50 };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets, in memory, bounded: past `max` keys the least recently seen is
 * dropped (a dropped key starts again with a full bucket, which errs on the side of
 * accepting). The store that owns it is single-threaded per site (a Durable Object,
 * or one Node process), so the count is exact there.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();

  constructor(readonly max = 10_000) {}

  #tokens(key: string, now: number, limit: RateLimit): number {
    const old = this.#buckets.get(key);
    return old ? Math.min(limit.burst, old.tokens + (Math.max(0, now - old.at) / 1000) * limit.perSecond) : limit.burst;
  }

  #set(key: string, tokens: number, now: number): void {
    // Re-insert so Map order is least recently seen first.
    this.#buckets.delete(key);
    this.#buckets.set(key, { tokens, at: now });
    while (this.#buckets.size > this.max) this.#buckets.delete(this.#buckets.keys().next().value!);
  }

  /**
   * Takes `cost` tokens from the bucket of every `[key, limit]` at `now` (epoch ms), or
   * from none. Returns 0 when taken, else the whole seconds to wait before the same
   * request would pass.
   */
  takeAll(buckets: readonly (readonly [string, RateLimit])[], cost: number, now: number): number {
    let wait = 0;
    const tokens = buckets.map(([key, limit]) => {
      const t = this.#tokens(key, now, limit);
      // A request larger than the burst could never pass: it costs a full bucket instead.
      const c = Math.min(cost, limit.burst);
      if (t < c) wait = Math.max(wait, Math.max(1, Math.ceil((c - t) / limit.perSecond)));
      return t - c;
    });
    buckets.forEach(([key], i) => this.#set(key, wait > 0 ? this.#tokens(key, now, buckets[i]![1]) : tokens[i]!, now));
    return wait;
  }

  /** Takes `cost` tokens for `key`: {@link takeAll} with one bucket. */
  take(key: string, cost: number, now: number, limit: RateLimit): number {
    return this.takeAll([[key, limit]], cost, now);
  }
}
