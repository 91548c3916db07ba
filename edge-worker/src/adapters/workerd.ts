/**
 * Cloudflare Workers entry (workerd locally through wrangler / Miniflare).
 * The rules file is bundled at build time (`.generated/rules.json`, written only
 * when it validated); static files come from the ASSETS binding.
 */
import type { Hono } from 'hono';
import rulesFile from '../../.generated/rules.json';
import { createApp } from '../app.ts';
import { durableObjectStats, type StatsNamespace } from '../stats/do-store.ts';
import { LiveRules } from './live-rules.ts';

/** The stats Durable Object class, bound as `STATS` in wrangler.jsonc. */
export { KairosStats } from '../stats/durable-object.ts';

interface Env {
  ASSETS?: { fetch(req: Request): Promise<Response> };
  /** "1" trusts dev-only request headers (simulated country in e2e). */
  KAIROS_DEV?: string;
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
  const rules = new LiveRules();
  const loaded = await rules.load(JSON.stringify(rulesFile));
  if (!loaded.ok) console.error('kairos: bundled rules are invalid', loaded.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  const assets = env.ASSETS;
  const secret = secretOf(env);
  return createApp({
    rules,
    dev: env.KAIROS_DEV === '1',
    ...(secret ? { secret } : {}),
    ...(env.STATS ? { stats: durableObjectStats(env.STATS) } : {}),
    ...(assets
      ? {
          assets: {
            async get(path, req) {
              const res = await assets.fetch(new Request(new URL(path, req.url), { method: 'GET', headers: req.headers }));
              return res.status === 404 ? null : res;
            },
          },
        }
      : {}),
  });
}

export default {
  fetch(req: Request, env: Env, ctx: unknown): Promise<Response> {
    app ??= init(env);
    return app.then((a) => a.fetch(req, env, ctx as never));
  },
};
