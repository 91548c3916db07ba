import type { RulesSource } from '../app-options.ts';
import type { StatsStore } from '../stats/types.ts';
import { learnWeights, type LearnOptions } from './learn-weights.ts';
import { EMPTY_WEIGHTS, freezeWeights, type WeightsSnapshot } from './snapshot.ts';


/** How often learned weights are recomputed at most. @default 30 s */
export const DEFAULT_REFRESH_MS = 30_000;

/** Options of {@link WeightsRefresher}. */
export interface RefresherOptions {
  rules: RulesSource;
  /** Where the aggregates are; without one every bandit splits equally. */
  stats?: StatsStore;
  /** Least time between two recomputations. @default 30 000 */
  everyMs?: number;
  now?: () => number;
  learn?: LearnOptions;
  /** Told when a recomputation fails (the last snapshot stays). @default silent */
  onError?: (err: unknown) => void;
}

/**
 * Keeps the current weights snapshot and recomputes it from the stats store off the hot
 * path: `poke()` (called by each decide) starts a recomputation at most every `everyMs`
 * and returns its promise without anyone awaiting it on the request (Workers hand it to
 * `ctx.waitUntil`); `current()` only reads. One recomputation runs at a time. On a store
 * error the last snapshot stays (equal weights before the first success).
 */
export class WeightsRefresher {
  readonly #o: RefresherOptions;
  #snapshot: WeightsSnapshot = EMPTY_WEIGHTS;
  #last = Number.NEGATIVE_INFINITY;
  #running: Promise<void> | undefined;

  constructor(opts: RefresherOptions) {
    this.#o = opts;
  }

  /** The weights in force: never waits, never touches the store. */
  current(): WeightsSnapshot {
    return this.#snapshot;
  }

  /** Starts a recomputation when one is due; its promise (for `waitUntil`), or undefined. */
  poke(): Promise<void> | undefined {
    const now = (this.#o.now ?? Date.now)();
    if (this.#running || !this.#o.stats || now - this.#last < (this.#o.everyMs ?? DEFAULT_REFRESH_MS)) return undefined;
    this.#last = now;
    this.#running = this.refresh(now).finally(() => (this.#running = undefined));
    return this.#running;
  }

  /** Recomputes now (the simulation and tests call it directly). */
  async refresh(now = (this.#o.now ?? Date.now)()): Promise<void> {
    const rules = this.#o.rules.current();
    if (!rules || !this.#o.stats) return;
    try {
      let any = false;
      for (const list of rules.slots.values()) any ||= list.some((r) => r.learn === 'bandit');
      if (!any) return;
      const stats = await this.#o.stats.snapshot(rules.site);
      this.#snapshot = freezeWeights(now, learnWeights(rules, stats, this.#o.learn));
    } catch (err) {
      this.#o.onError?.(err);
    }
  }
}
