/**
 * Cloudflare Workers entry (workerd locally through wrangler / Miniflare).
 * The rules are bundled precompiled (`.generated/compiled-rules.json`: validated and
 * sanitised by the build in Node, written only when valid), so the Worker carries
 * no validator and no HTML parser; static files come from the ASSETS binding.
 */
import type { Hono } from 'hono';
import compiledRules from '../../../.generated/compiled-rules.json';
import { createApp } from '../../app.ts';
import { durableObjectStats, type StatsNamespace } from './do-store.ts';
import type { AssetSource } from '../../app-options.ts';
import { assetsOrigin, urlOrigin } from '../../proxy/origin.ts';
import { loadPrecompiled } from '../../rules/load-precompiled.ts';
import { workerdRewriteSlots } from './html-rewriter.ts';

/** The stats Durable Object class, bound as `STATS` in wrangler.jsonc. */
export { KairosStats } from './durable-object.ts';

interface Env {
  ASSETS?: { fetch(req: Request): Promise<Response> };
  /** "1" trusts dev-only request headers (simulated country in e2e). */
  KAIROS_DEV?: string;
  /** "1" turns on proxy mode (edge rendering); pages come from KAIROS_ORIGIN, or from ASSETS without it (the demo). */
  KAIROS_PROXY?: string;
  /** The site's origin server in proxy mode, e.g. https://origin.shop.example. */
  KAIROS_ORIGIN?: string;
  /** How long the origin may take to answer in proxy mode, in ms. @default 5000 */
  KAIROS_ORIGIN_TIMEOUT_MS?: string;
  /** One SQLite-backed Durable Object per site holds its stats. */
  STATS?: StatsNamespace;
  /** The per-deploy secret (`wrangler secret put KAIROS_SECRET`); `wrangler dev` reads the dev one from edge-worker/.dev.vars. */
  KAIROS_SECRET?: string;
}

/** Marks the secret in edge-worker/.dev.vars: it is refused outside dev mode, so a deploy can never run on it. */
const DEV_SECRET_PREFIX = 'dev-only-';

/** The secret in force, or undefined (events are then refused, saying why). */
function secretOf(env: Env): string | undefined {
  const s = env.KAIROS_SECRET;
  if (!s) {
    console.error('kairos: no KAIROS_SECRET is set: events are not counted and previews need dev mode; set one with `wrangler secret put KAIROS_SECRET`');
    return undefined;
  }
  if (s.startsWith(DEV_SECRET_PREFIX) && env.KAIROS_DEV !== '1') {
    console.error('kairos: KAIROS_SECRET is the dev secret of edge-worker/.dev.vars, refused outside dev mode: events are not counted; set a real one with `wrangler secret put KAIROS_SECRET`');
    return undefined;
  }
  return s;
}

let app: Promise<Hono> | undefined;

async function init(env: Env): Promise<Hono> {
  const loaded = loadPrecompiled(compiledRules);
  if (!loaded.ok) console.error(`kairos: bundled rules refused: ${loaded.error}`);
  const compiled = loaded.ok ? loaded.rules : undefined;
  const binding = env.ASSETS;
  const assets: AssetSource | undefined = binding && {
    async get(path, req) {
      const res = await binding.fetch(new Request(new URL(path, req.url), { method: 'GET', headers: req.headers }));
      return res.status === 404 ? null : res;
    },
  };
  const origin = env.KAIROS_ORIGIN ? urlOrigin(env.KAIROS_ORIGIN) : assets && assetsOrigin(assets);
  const secret = secretOf(env);
  return createApp({
    rules: { current: () => compiled },
    dev: env.KAIROS_DEV === '1',
    ...(secret ? { secret } : {}),
    ...(env.STATS ? { stats: durableObjectStats(env.STATS) } : {}),
    ...(assets ? { assets } : {}),
    ...(env.KAIROS_PROXY === '1' && origin ? { proxy: { origin, rewrite: workerdRewriteSlots, ...originTimeout(env) } } : {}),
  });
}

function originTimeout(env: Env): { timeoutMs?: number } {
  const ms = Number(env.KAIROS_ORIGIN_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? { timeoutMs: ms } : {};
}

export default {
  fetch(req: Request, env: Env, ctx: unknown): Promise<Response> {
    app ??= init(env);
    return app.then((a) => a.fetch(req, env, ctx as never));
  },
};
