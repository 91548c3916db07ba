import { Hono } from 'hono';

/**
 * A second baseline: the bare route again, but answering with a given text (decide's own
 * answer, captured once), so the benchmark can tell what the answer's bytes cost apart
 * from what deciding costs.
 */
export function sizedApp(answer: () => string): Hono {
  return new Hono().post('/v1/decide', async (c) => {
    await c.req.json(); // the same parsing work as the bare route
    return c.body(answer(), 200, { 'Content-Type': 'application/json' });
  });
}

let text = '';
const app = sizedApp(() => text);

/** The workerd module: the answer comes in as the `ANSWER` text binding. */
export default {
  fetch(req: Request, env: { ANSWER: string }): Response | Promise<Response> {
    text = env.ANSWER;
    return app.fetch(req);
  },
};
