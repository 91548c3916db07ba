/**
 * The Hono the edge is built on, chosen in one place: the preset with the pattern
 * router. The edge has a dozen routes, which a linear router matches as fast as any,
 * and the smaller router keeps the Worker bundle small.
 */
export { Hono } from 'hono/tiny';
