import type { DecideResponse, EventsRequest, KairosEvent } from '../../src/protocol/index.ts';
import { seededRng } from '../../src/learn/beta.ts';

/** A browser's user agent: the edge ignores bots, and Node's own `node` is one. */
export const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
export const ORIGIN = 'https://sim.example';

/** The simulated world: true conversion rates per hero arm (the promo slot has no effect). */
export const TRUE_RATE: Record<string, number> = { 'hero:-:holdout': 0.1, 'hero:winter:w-a': 0.15, 'hero:winter:w-b': 0.1, 'hero:base:b-1': 0.12 };

export interface SimOptions {
  base: URL;
  visitors: number;
  seed: number;
  /** Epoch ms of the first visit; visits spread evenly over `spanMs`. */
  start: number;
  spanMs: number;
  /** Chance that an arm's exposure event is lost (a broken split). */
  drop?: Record<string, number>;
  /** LCP median per hero arm, ms (2000 by default). */
  lcpMedian?: Record<string, number>;
  concurrency?: number;
  prefix?: string;
}

/** What the simulation knows for sure: unique visitors and converters per arm, as the edge should count them. */
export interface Truth {
  visitors: Map<string, number>;
  converters: Map<string, number>;
  /** Every events batch sent, for re-sending. */
  batches: EventsRequest[];
}

/** A standard normal draw (Box–Muller). */
const normal = (rnd: () => number): number => Math.sqrt(-2 * Math.log(rnd() || 1e-12)) * Math.cos(2 * Math.PI * rnd());

export async function postEvents(base: URL, body: EventsRequest): Promise<Response> {
  return fetch(new URL('/v1/events', base), {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN, 'user-agent': BROWSER_UA },
  });
}

/**
 * Drives a population through the real HTTP API: each visitor asks /v1/decide for
 * its hero and promo slots, sees them (exposures), converts with the true rate of
 * its hero arm, and reports an LCP; all sent to /v1/events like the SDK would.
 */
export async function simulate(o: SimOptions): Promise<Truth> {
  const rnd = seededRng(o.seed);
  const truth: Truth = { visitors: new Map(), converters: new Map(), batches: [] };
  const bump = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);
  // Draw every random number up front, in visitor order, so concurrency cannot change the outcome.
  const plans = Array.from({ length: o.visitors }, (_, i) => ({
    i, winter: rnd() < 0.5, convert: rnd(), drop: [rnd(), rnd()], lcp: [normal(rnd), normal(rnd)],
  }));
  const visit = async (p: (typeof plans)[number]): Promise<void> => {
    const visitor = `${o.prefix ?? 'sim'}-${p.i}`;
    const at = o.start + Math.floor((p.i / o.visitors) * o.spanMs);
    const res = await fetch(new URL('/v1/decide', o.base), {
      method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN, 'user-agent': BROWSER_UA },
      body: JSON.stringify({
        site: 'sim', slots: ['hero', 'promo'], visitor, consent: { personalization: true, analytics: true },
        signals: { page: { path: '/' }, ...(p.winter ? { utm: { campaign: 'winter', medium: 'email', source: 'news' } } : {}) },
      }),
    });
    if (res.status !== 200) throw new Error(`decide answered ${res.status}: ${await res.text()}`);
    const d = (await res.json()) as DecideResponse;
    const reasons = ['hero', 'promo'].map((s) => d.decisions[s]!.reason.id);
    const tokens = ['hero', 'promo'].map((s) => d.decisions[s]!.token);
    const events: KairosEvent[] = [];
    reasons.forEach((reason, k) => {
      if (p.drop[k]! < (o.drop?.[reason] ?? 0)) return;
      events.push({ id: `${visitor}-x${k}`, type: 'exposure', at, slot: reason.split(':')[0]!, reason, token: tokens[k]!, consent: 'analytics+personalization' });
      bump(truth.visitors, reason);
    });
    const hero = reasons[0]!;
    // Two pages: the home page with the hero, the listing with the promo; each reports its LCP.
    reasons.forEach((reason, k) => {
      const median = o.lcpMedian?.[reason] ?? 2000;
      const value = Math.round(median * Math.exp(0.35 * p.lcp[k]!));
      events.push({ id: `${visitor}-lcp${k}`, type: 'vital', at: at + 2000 + k * 60_000, metric: 'LCP', value, decisions: [reason], consent: 'analytics+personalization' });
    });
    if (p.convert < TRUE_RATE[hero]!) {
      events.push({ id: `${visitor}-c`, type: 'conversion', at: at + 300_000, goal: 'purchase', value: 80, decisions: reasons, consent: 'analytics+personalization' });
      for (const e of events) if (e.type === 'exposure') bump(truth.converters, e.reason!);
    }
    const batch: EventsRequest = { site: 'sim', visitor, events };
    truth.batches.push(batch);
    const r = await postEvents(o.base, batch);
    // Always read the body: an unread one holds its connection, and the pool runs dry.
    const text = await r.text();
    if (r.status !== 202) throw new Error(`events answered ${r.status}: ${text}`);
  };
  const width = o.concurrency ?? 16;
  for (let i = 0; i < plans.length; i += width) await Promise.all(plans.slice(i, i + width).map(visit));
  return truth;
}
