import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.ts';

describe('RateLimiter', () => {
  const limit = { burst: 10, perSecond: 2 };

  it('lets a burst through, then refills at the rate', () => {
    const r = new RateLimiter();
    expect(r.take('v', 10, 0, limit)).toBe(0);
    expect(r.take('v', 1, 0, limit)).toBe(1);
    expect(r.take('v', 4, 1000, limit)).toBe(1); // 2 tokens back, 4 needed: one more second
    expect(r.take('v', 4, 2000, limit)).toBe(0);
    expect(r.take('w', 10, 2000, limit)).toBe(0);
  });

  it('charges a batch larger than the burst a full bucket instead of refusing it forever', () => {
    const r = new RateLimiter();
    expect(r.take('v', 50, 0, limit)).toBe(0);
    expect(r.take('v', 50, 0, limit)).toBe(5);
    expect(r.take('v', 50, 5000, limit)).toBe(0);
  });

  it('stays bounded, forgetting the visitor seen longest ago', () => {
    const r = new RateLimiter(2);
    r.take('a', 10, 0, limit);
    r.take('b', 10, 0, limit);
    r.take('a', 0, 0, limit); // a is recent again
    r.take('c', 10, 0, limit); // evicts b
    expect(r.take('a', 10, 0, limit)).toBeGreaterThan(0); // still remembered: empty
    expect(r.take('b', 10, 0, limit)).toBe(0); // forgotten: a full bucket again
  });
});

describe('RateLimiter.takeAll', () => {
  it('takes from every bucket or from none: a short client bucket leaves the visitor’s untouched', () => {
    const r = new RateLimiter();
    const visitor = { burst: 10, perSecond: 1 };
    const client = { burst: 15, perSecond: 1 };
    expect(r.takeAll([['v:a', visitor], ['c:1', client]], 10, 0)).toBe(0);
    // Another visitor from the same address: its own bucket is full, the address's is not.
    expect(r.takeAll([['v:b', visitor], ['c:1', client]], 10, 0)).toBe(5);
    expect(r.take('v:b', 10, 0, visitor)).toBe(0);
    expect(r.takeAll([['v:c', visitor], ['c:1', client]], 5, 0)).toBe(0);
  });
});
