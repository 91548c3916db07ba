import { Hono } from 'hono';

/** The baseline worker: the same framework in the same runtime, a route that parses the body and answers JSON. */
const app = new Hono().post('/v1/decide', async (c) => c.json({ ok: true, keys: Object.keys(await c.req.json()).length }));
export default app;
