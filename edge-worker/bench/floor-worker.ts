import { Hono } from 'hono';
import { readJsonBody } from '../src/http/body.ts';
import { MAX_DECIDE_BYTES as DECIDE_MAX_BYTES } from '../src/protocol/limits.ts';

const HEADERS = { 'Content-Type': 'application/json', 'Cache-Control': 'private, no-store', Vary: 'Origin' };

/**
 * The second baseline: decide's own I/O without deciding. The route reads and checks the
 * body as decide does (content type, length, nesting, forbidden keys) and answers decide's
 * own bytes (captured once) with decide's headers. Its distance to the bare route is what
 * the contract's I/O costs; what is left of the goal's 20 % is the budget for deciding.
 */
export function floorApp(answer: () => string): Hono {
  return new Hono().post('/v1/decide', async (c) => {
    await readJsonBody(c.req.raw, DECIDE_MAX_BYTES);
    return new Response(answer(), { status: 200, headers: HEADERS });
  });
}

let text = '';
const app = floorApp(() => text);

/** The workerd module: the answer comes in as the `ANSWER` text binding. */
export default {
  fetch(req: Request, env: { ANSWER: string }): Response | Promise<Response> {
    text = env.ANSWER;
    return app.fetch(req);
  },
};
