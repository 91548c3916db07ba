import { GrowthBook } from '@growthbook/growthbook';
import { Hono } from 'hono';
import type { DecideRequest } from '../src/protocol/index.ts';
import type { RulesFile } from '../src/rules/types.ts';
import { growthbookPayload, type PeerValue } from './growthbook-features.ts';
import { attributesOf, fillTokens } from './peer-attributes.ts';

/** One slot of the peer's answer: the variant and its content, `null` for the default. */
export type PeerDecision = { variant: string; attrs?: Record<string, string>; html: string } | null;

/**
 * The peer: the same job as `POST /v1/decide` done with GrowthBook's SDK, the way its edge
 * app (@growthbook/edge-utils `edgeApp`) does it: attributes from the request, then a
 * `new GrowthBook({ attributes })` and `await init({ payload })` per request, then one
 * `evalFeature` per slot. The payload (the rules file translated once, at start) is handed
 * over already parsed; the edge app reads and parses it from KV per request, which the
 * peer is spared.
 */
export function peerApp(rules: RulesFile): Hono {
  const payload = growthbookPayload(rules) as never;
  return new Hono().post('/v1/decide', async (c) => {
    const body = await c.req.json<DecideRequest>();
    const attributes = attributesOf(body, c.req.raw.headers);
    const gb = new GrowthBook({ attributes });
    await gb.init({ payload });
    const decisions: Record<string, PeerDecision> = {};
    for (const slot of body.slots) {
      const v = gb.evalFeature<PeerValue | null>(slot).value;
      decisions[slot] = v ? { variant: v.id, ...(v.attrs ? { attrs: v.attrs } : {}), html: fillTokens(v.html, attributes) } : null;
    }
    return c.json({ site: body.site, decisions });
  });
}

let app: Hono | undefined;

/** The workerd module: the rules file comes in as the `RULES` text binding. */
export default {
  fetch(req: Request, env: { RULES: string }): Response | Promise<Response> {
    app ??= peerApp(JSON.parse(env.RULES) as RulesFile);
    return app.fetch(req);
  },
};
