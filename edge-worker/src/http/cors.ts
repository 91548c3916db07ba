import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { RulesSource } from '../app-options.ts';

/**
 * CORS for the site's own origins only (the rules file's `origins`), read per
 * request so a rules reload changes them without a restart.
 */
export function siteCors(rules: RulesSource): MiddlewareHandler {
  return cors({
    origin: (origin, c) => {
      if (!origin) return null;
      if (origin === new URL(c.req.url).origin) return origin;
      return rules.current()?.origins.includes(origin) ? origin : null;
    },
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['Content-Type'],
    maxAge: 86400,
  });
}
