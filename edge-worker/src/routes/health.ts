import { Hono } from '../http/hono.ts';
import type { RulesSource } from '../app-options.ts';

/** `GET /healthz`: up, and which rules version is in force. */
export function healthRoutes(rules: RulesSource): Hono {
  return new Hono().get('/healthz', (c) => {
    const r = rules.current();
    c.header('Cache-Control', 'no-store');
    return c.json({ ok: r !== undefined, site: r?.site ?? null, rulesVersion: r?.version ?? null }, r ? 200 : 503);
  });
}
