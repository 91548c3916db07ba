import { describe, expect, it } from 'vitest';
import { MAX_KEYS, MAX_TAGS, MAX_VIEWS } from '../../../edge-worker/src/protocol/limits';
import { EXPIRE_MS, SESSION_MS } from './time';
import { addView, bump, fresh, interests, norm, pageview } from './record';

const T0 = Date.UTC(2026, 0, 1);
const DAY = 864e5;

describe('norm', () => {
  const good = () => {
    const r = fresh('v1', T0);
    pageview(r, '/', T0);
    addView(r, 'sku-1', ['ski'], T0, 7);
    return r;
  };
  it('keeps a sound record', () => {
    const r = good();
    expect(norm(structuredClone(r), 'new', T0 + 1000)).toEqual(r);
  });
  it.each([
    ['undefined', undefined],
    ['a string', 'garbage'],
    ['another version', { ...fresh('v1', T0), v: 2 }],
    ['a wrong field type', { ...fresh('v1', T0), t: T0, vw: 'x' }],
    ['null in a field', { ...fresh('v1', T0), t: T0, c: null }],
    ['a non-number count', { ...fresh('v1', T0), t: T0, c: { buy: 'x' } }],
    ['a view without id', { ...fresh('v1', T0), t: T0, vw: [{ tags: [] }] }],
    ['a missing field', (() => { const r: Record<string, unknown> = { ...fresh('v1', T0), t: T0 }; delete r.se; return r; })()],
  ])('discards %s', (_, x) => {
    const r = norm(x, 'new', T0);
    expect(r.id).toBe('new');
    expect(r.vw).toEqual([]);
  });
  it('expires a record unused for 180 days', () => {
    const r = good();
    expect(norm(r, 'new', r.t + EXPIRE_MS - 1).id).toBe('v1');
    expect(norm(r, 'new', r.t + EXPIRE_MS + 1).id).toBe('new');
  });
});

describe('pageview', () => {
  it('counts sessions, pageviews and the landing path', () => {
    const r = fresh('v', T0);
    expect(pageview(r, '/a', T0)).toBe(true);
    expect(pageview(r, '/b', T0 + 60_000)).toBe(false);
    expect(r).toMatchObject({ n: 1, pv: 2, l: '/a' });
    expect(pageview(r, '/c', T0 + 60_000 + SESSION_MS + 1)).toBe(true);
    expect(r).toMatchObject({ n: 2, pv: 1, l: '/c', se: {} });
  });
});

describe('interests', () => {
  it('gains 1 per view of a tag and halves every half-life', () => {
    const r = fresh('v', T0);
    addView(r, 'a', ['ski', 'outdoor'], T0, 7);
    addView(r, 'b', ['ski'], T0, 7);
    expect(interests(r, T0, 7)).toEqual({ ski: 2, outdoor: 1 });
    expect(interests(r, T0 + 7 * DAY, 7)).toEqual({ ski: 1, outdoor: 0.5 });
    expect(interests(r, T0 + 14 * DAY, 7)).toEqual({ ski: 0.5, outdoor: 0.25 });
    expect(interests(r, T0 + 1 * DAY, 1)).toEqual({ ski: 1, outdoor: 0.5 });
  });
  it('decays before adding', () => {
    const r = fresh('v', T0);
    addView(r, 'a', ['ski'], T0, 7);
    addView(r, 'b', ['ski'], T0 + 7 * DAY, 7);
    expect(interests(r, T0 + 7 * DAY, 7)).toEqual({ ski: 1.5 });
  });
  it('keeps the strongest MAX_KEYS tags', () => {
    const r = fresh('v', T0);
    addView(r, 'x', ['keep'], T0, 7);
    addView(r, 'x', ['keep'], T0, 7);
    for (let i = 0; i < MAX_KEYS + 20; i++) addView(r, 'v' + i, ['t' + i], T0, 7);
    expect(Object.keys(r.i)).toHaveLength(MAX_KEYS);
    expect(r.i.keep).toBe(2);
  });
});

describe('views', () => {
  it('keep the newest MAX_VIEWS, oldest first, with MAX_TAGS tags each', () => {
    const r = fresh('v', T0);
    for (let i = 0; i < MAX_VIEWS + 5; i++) addView(r, 'c' + i, Array.from({ length: 30 }, (_, j) => 't' + j), T0 + i, 7);
    expect(r.vw).toHaveLength(MAX_VIEWS);
    expect(r.vw[0]!.id).toBe('c5');
    expect(r.vw.at(-1)!.id).toBe('c' + (MAX_VIEWS + 4));
    expect(r.vw[0]!.tags).toHaveLength(MAX_TAGS);
  });
});

describe('bump', () => {
  it('counts, bounded to MAX_KEYS keys, and never touches the prototype', () => {
    const o: Record<string, number> = {};
    bump(o, 'buy');
    bump(o, 'buy');
    bump(o, 'constructor');
    expect(o.buy).toBe(2);
    expect(o.constructor).toBe(1);
    for (let i = 0; i < 100; i++) bump(o, 'g' + i);
    expect(Object.keys(o)).toHaveLength(MAX_KEYS);
    bump(o, 'buy');
    expect(o.buy).toBe(3);
  });
});
