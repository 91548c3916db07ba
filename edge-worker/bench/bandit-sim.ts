/**
 * The bandit simulation: a synthetic population through the real code paths (rules
 * compiled by LiveRules, decideFor with the refresher's snapshot, events validated by
 * parseEventsRequest and aggregated by the Node SQLite store, weights recomputed by the
 * WeightsRefresher on its own schedule in simulated time).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeStatsStore } from '../src/adapters/node/stats.ts';
import { decideFor } from '../src/engine/decide-for.ts';
import { parseEventsRequest } from '../src/http/events-request.ts';
import { seededRng, type Rng } from '../src/learn/beta.ts';
import { WeightsRefresher } from '../src/learn/refresher.ts';
import type { LearnOptions } from '../src/learn/learn-weights.ts';
import { LiveRules } from '../src/live-rules.ts';
import type { DecideRequest, KairosEvent } from '../src/protocol/index.ts';

export type Policy = 'equal' | 'thompson' | 'contextual';
const DEVICES = ['mobile', 'desktop', 'tablet'] as const;
const DEVICE_SHARE = [0.55, 0.35, 0.1];
const UA: Record<(typeof DEVICES)[number], string> = {
  mobile: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
  desktop: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  tablet: 'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
};
const HOURS = [9, 14, 19, 2]; // morning, afternoon, evening, night
const REFERRERS = ['www.google.com', 'www.facebook.com', undefined]; // search, social, direct

/** A population: each visitor's conversion rate per variant, from their device. */
export interface Population {
  name: string;
  /** Conversion rate of each of the 3 variants for a device. */
  rates(device: (typeof DEVICES)[number]): readonly number[];
}

/** The best variant differs by device: mobile A, desktop B, tablet C. */
export const BY_DEVICE: Population = {
  name: 'best variant differs by device',
  rates: (d) => (d === 'mobile' ? [0.11, 0.05, 0.07] : d === 'desktop' ? [0.05, 0.11, 0.07] : [0.07, 0.05, 0.11]),
};

/** Everyone alike: B is best for all. */
export const UNIFORM: Population = { name: 'no segment differences', rates: () => [0.05, 0.11, 0.07] };

const START = Date.parse('2026-11-02T00:00:00Z');
/** Simulated time between two visitors: 20 000 visitors in 50 minutes, so a 30 s refresh sees about 200 new ones. */
const GAP_MS = 150;

function rulesFile(policy: Policy): unknown {
  const variants = ['a', 'b', 'c'].map((id) => ({ id, text: id }));
  const rule = policy === 'equal' ? { id: 'r', variants } : { id: 'r', learn: 'bandit', goal: 'buy', variants, ...(policy === 'thompson' ? { segment: [] } : {}) };
  return { site: 'sim', goals: ['buy'], slots: { hero: { rules: [rule] } } };
}

function pick<T>(rng: Rng, xs: readonly T[], shares?: readonly number[]): T {
  let u = rng();
  if (shares) {
    for (let i = 0; i < xs.length; i++) if ((u -= shares[i]!) < 0) return xs[i]!;
    return xs[xs.length - 1]!;
  }
  return xs[Math.floor(u * xs.length)]!;
}

/** One run's totals. */
export interface RunResult {
  /** Expected conversions lost against always showing each visitor's best variant. */
  regret: number;
  conversions: number;
  /** Share of visitors shown their best variant. */
  bestShare: number;
}

/**
 * One policy over one population: the same visitors (and the same coin for each
 * visitor's conversion) for every policy of a seed, so the policies differ only in
 * what they show.
 */
export async function simulate(policy: Policy, population: Population, seed: number, visitors: number, learn: LearnOptions = {}): Promise<RunResult> {
  const rules = new LiveRules();
  const loaded = await rules.load(JSON.stringify(rulesFile(policy)));
  if (!loaded.ok) throw new Error(`simulation rules refused: ${JSON.stringify(loaded.errors)}`);
  const compiled = rules.current()!;
  // On a RAM disk where there is one: the store's fsyncs would otherwise make the run an I/O test.
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'kairos-bandit-'));
  const stats = nodeStatsStore(dir);
  let clock = START;
  const learner = new WeightsRefresher({ rules, stats, now: () => clock, learn: { rng: seededRng(seed * 7919 + 1), ...learn } });
  const world = seededRng(seed);
  let regret = 0;
  let conversions = 0;
  let best = 0;
  try {
    for (let i = 0; i < visitors; i++) {
      clock = START + i * GAP_MS;
      const device = pick(world, DEVICES, DEVICE_SHARE);
      const hour = pick(world, HOURS);
      const referrer = pick(world, REFERRERS);
      const coin = world();
      const visitor = `s${seed}-v${i}`;
      // As decide does: start a due refresh, decide on the snapshot in force. The simulation
      // waits for the refresh, so a run does not depend on this machine's speed.
      const running = learner.poke();
      if (running) await running;
      const request: DecideRequest = {
        site: 'sim', slots: ['hero'], visitor, consent: { personalization: true, analytics: true },
        signals: { ua: UA[device], time: { hour, weekday: 2 }, ...(referrer ? { referrer } : {}) },
      };
      const d = decideFor(compiled, request, { geo: { country: 'CH', region: '' }, pageHost: 'shop.example', now: clock, weights: learner.current() }).decisions.hero!;
      const shown = ['a', 'b', 'c'].indexOf(d.variant ?? '');
      if (shown < 0) throw new Error(`no variant shown: ${JSON.stringify(d.reason)}`);
      const rates = population.rates(device);
      const top = Math.max(...rates);
      regret += top - rates[shown]!;
      if (rates[shown] === top) best++;
      if (policy === 'equal') {
        if (coin < rates[shown]!) conversions++;
        continue; // nothing learns from its events
      }
      const events: KairosEvent[] = [{ id: `${visitor}-e`, type: 'exposure', at: clock, consent: 'analytics', slot: 'hero', rule: d.rule!, variant: d.variant!, reason: d.reason.id, ...(d.reason.bandit ? { segment: d.reason.bandit.segment } : {}) }];
      if (coin < rates[shown]!) {
        conversions++;
        events.push({ id: `${visitor}-c`, type: 'conversion', at: clock + 1, consent: 'analytics', goal: 'buy' });
      }
      const batch = parseEventsRequest({ site: 'sim', visitor, rulesVersion: compiled.version, events });
      const r = await stats.ingest({ site: 'sim', visitor, now: clock + 2, events: batch.events });
      if (!r.ok || r.accepted !== events.length) throw new Error(`events not counted: ${JSON.stringify(r)}`);
    }
  } finally {
    await stats.close?.();
    rmSync(dir, { recursive: true, force: true });
  }
  return { regret, conversions, bestShare: best / visitors };
}
