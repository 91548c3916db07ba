import { describe, expect, it } from 'vitest';
import { BY_DEVICE, simulate } from '../bench/bandit-sim.ts';

// The learner's direction through the real decide and store paths, on one small fixed
// seed: not the benchmark's goal figures (npm run bench:bandit), only that learning
// from the events moves traffic towards each device's better variant.
describe('bandit simulation (small, fixed seed)', () => {
  it('shows more visitors their best variant than the equal split, and the contextual bandit more than the pooled one', async () => {
    const equal = await simulate('equal', BY_DEVICE, 5, 2500);
    const pooled = await simulate('thompson', BY_DEVICE, 5, 2500);
    const contextual = await simulate('contextual', BY_DEVICE, 5, 2500);
    expect(contextual.regret).toBeLessThan(equal.regret);
    expect(contextual.bestShare).toBeGreaterThan(pooled.bestShare);
    expect(contextual.bestShare).toBeGreaterThan(equal.bestShare + 0.05);
  }, 180_000);
});
