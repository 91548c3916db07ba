import type { RateLimit, StatsStore } from './stats/types.ts';
import type { CompiledRules } from './engine/types.ts';
import type { ProxyOptions } from './proxy/types.ts';
import type { WeightsRefresher } from './learn/refresher.ts';

/** Where the app gets the rules in force: the last good compiled version. */
export interface RulesSource {
  /** The rules in force, or undefined when no valid rules file was ever loaded. */
  current(): CompiledRules | undefined;
}

/** Static files (the SDK bundle, the demo storefront) behind one interface per runtime. */
export interface AssetSource {
  /** The file at `path` (leading slash, no query), or null when there is none. */
  get(path: string, req: Request): Promise<Response | null>;
}

/** Options of {@link createApp}. */
export interface AppOptions {
  rules: RulesSource;
  /** Serves /kairos.js, its lazy chunks and any other static file. @default none */
  assets?: AssetSource;
  /**
   * Dev mode trusts test headers such as `x-kairos-country` (never in production,
   * where geo comes from the platform). @default false
   */
  dev?: boolean;
  /**
   * Where `POST /v1/events` aggregates and `/report` reads: a Durable Object per site
   * on Workers, an SQLite file per site on Node.
   * @default none: events are validated and acknowledged with `stored: false`; the report answers 503
   */
  stats?: StatsStore;
  /**
   * Per-visitor token bucket of `POST /v1/events`, counted in events.
   * @default { burst: 400, perSecond: 5 }
   * @example { burst: 50, perSecond: 1 }
   */
  eventsRateLimit?: RateLimit;
  /**
   * Proxy mode (edge rendering): the edge fronts the site, fetches each page from
   * `origin` and fills the slots it can decide while the HTML streams. `/v1/*` and the
   * SDK's own files are still the edge's. @default off: the SDK decides in the browser
   */
  proxy?: ProxyOptions;
  /**
   * Token bucket per client address of `POST /v1/events` and `/v1/forget`, counted in
   * events; the address is known to the store only as a keyed hash, in memory.
   * @default { burst: 2000, perSecond: 50 }
   */
  clientRateLimit?: RateLimit;
  /**
   * The client's address, for its rate limit.
   * @default the `cf-connecting-ip` header (Workers); the Node adapter passes the socket's address
   */
  clientAddress?: (req: Request, env: unknown) => string | undefined;
  /**
   * The per-deploy secret: signs each decision (so only exposures the edge handed out
   * count) and preview tokens, and keys the hashes that stand for visitor ids and
   * client addresses. Without it the edge counts no events (503 `no_secret`).
   * @default none
   */
  secret?: string;
  /**
   * Where bandit rules get their learned weights: recomputed from `stats` off the hot
   * path, at most every 30 s. @default one made from `rules` and `stats`
   */
  learner?: WeightsRefresher;
  /** Clock, injectable for tests. @default Date.now */
  now?: () => number;
}
