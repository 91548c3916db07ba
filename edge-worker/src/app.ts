import type { Context } from 'hono';
import { Hono } from './http/hono.ts';
import { HTTPException } from 'hono/http-exception';
import type { AppOptions } from './app-options.ts';
import { ApiError } from './http/errors.ts';
import { siteCors } from './http/cors.ts';
import { assetRoutes } from './routes/assets.ts';
import { decideRoutes } from './routes/decide.ts';
import { eventsRoutes } from './routes/events.ts';
import { forgetRoutes } from './routes/forget.ts';
import { healthRoutes } from './routes/health.ts';
import { proxyRoutes } from './routes/proxy.ts';
import { reportRoutes } from './routes/report.ts';
import { WeightsRefresher } from './learn/refresher.ts';

const API_METHODS: Record<string, string> = { '/v1/decide': 'POST', '/v1/events': 'POST', '/v1/forget': 'POST', '/v1/report': 'GET', '/v1/report.csv': 'GET' };

/**
 * The Kairos edge as one Hono app, the same on workerd and Node; runtime
 * specifics (rules loading, assets, storage) come in through `opts`.
 */
export function createApp(options: AppOptions): Hono {
  const opts: AppOptions = options.learner ? options : { ...options, learner: defaultLearner(options) };
  const app = new Hono();
  app.use('/v1/*', siteCors(opts.rules));
  app.route('/', healthRoutes(opts.rules));
  app.route('/', decideRoutes(opts));
  app.route('/', eventsRoutes(opts));
  app.route('/', forgetRoutes(opts));
  app.route('/', reportRoutes(opts));
  if (opts.proxy) {
    // The SDK's files are the edge's own; every other page comes from the origin.
    app.route('/', assetRoutes(opts.assets, (path) => /^\/kairos[\w.-]*\.js$/.test(path)));
    app.route('/', proxyRoutes(opts, opts.proxy));
  } else {
    app.route('/', assetRoutes(opts.assets));
  }

  app.notFound((c) => {
    const allowed = API_METHODS[new URL(c.req.url).pathname];
    if (allowed) {
      c.header('Allow', allowed);
      return c.json(new ApiError(405, 'method_not_allowed', `use ${allowed} for this endpoint`).toJSON(), 405);
    }
    return c.json(new ApiError(404, 'not_found', `no route for ${c.req.method} ${new URL(c.req.url).pathname}`).toJSON(), 404);
  });

  // Errors are turned into JSON here and nowhere else; no stack leaves the worker.
  app.onError(errorResponse);
  return app;
}

function defaultLearner(opts: AppOptions): WeightsRefresher {
  return new WeightsRefresher({
    rules: opts.rules,
    ...(opts.stats ? { stats: opts.stats } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    onError: (err) => console.error('kairos: bandit weights not refreshed, keeping the last ones:', err instanceof Error ? err.message : String(err)),
  });
}

function errorResponse(err: Error, c: Context): Response {
  if (err instanceof ApiError) return c.json(err.toJSON(), err.status);
  if (err instanceof HTTPException) {
    return c.json({ error: { code: 'http_error', message: err.message || 'request refused' } }, err.status);
  }
  console.error('kairos: unexpected error', err instanceof Error ? err.message : String(err));
  return c.json({ error: { code: 'internal', message: 'the edge failed to handle this request; it has been logged' } }, 500);
}
