import { Hono } from 'hono';
import { readJsonBody } from '../src/http/body.ts';

/** The contract's decide body limit (PRODUCT.md): 16 KB. */
const MAX_BYTES = 16 * 1024;

/**
 * Decide's own I/O without deciding: the route reads and checks the body as decide does
 * (content type, length, nesting, forbidden keys) and answers decide's own bytes (captured
 * once) with decide's headers. What decide costs beyond it is the deciding. Depends on
 * nothing of the decide route, so it survives that route being rewritten.
 */
export function floorApp(answer: () => string): Hono {
  return new Hono().post('/v1/decide', async (c) => {
    await readJsonBody(c.req.raw, MAX_BYTES);
    return new Response(answer(), {
      status: 200,
      headers: { 'Content-Type': 'application/json', 'Cache-Control': 'private, no-store', Vary: 'Origin' },
    });
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
