import { MAX_KEYS, MAX_TAGS, MAX_VIEWS } from '../../../edge-worker/src/protocol/limits';
import { DAY, EXPIRE_MS, SESSION_MS } from './time';
import type { ContentView, KairosEvent } from '../types';

/**
 * What the device remembers about the visitor, as one value under one key: short
 * property names because it is stored as is. Pure functions only: no storage, no DOM.
 */
export interface Rec {
  /** Format version; anything else is discarded. */
  v: 1;
  /** Visitor id. */
  id: string;
  /** First seen (epoch ms). */
  f: number;
  /** Sessions. */
  n: number;
  /** Last activity (epoch ms): a session ends after 30 min without one; the record expires after 180 days. */
  t: number;
  /** Pageviews this session. */
  pv: number;
  /** Landing path of this session. */
  l: string;
  /** Content views, oldest first, bounded. */
  vw: ContentView[];
  /** Interest per tag, as of `it` (scores halve every half-life, which the edge sets). */
  i: Record<string, number>;
  it: number;
  /** Conversions per goal. */
  c: Record<string, number>;
  /** Exposures per `slot/rule`, for this visitor and this session (caps). */
  e: Record<string, number>;
  se: Record<string, number>;
  /** Bandit assignments per `slot/rule`: the variant first shown and when, so the edge keeps it (stickyDays). */
  a?: Record<string, { variant: string; at: number }>;
  /** Events not delivered yet (offline, edge down), bounded. */
  q: KairosEvent[];
}

// Views kept, tags per view and keys per map (interests, conversions, exposures) are
// the decide request's own bounds (MAX_VIEWS, MAX_TAGS, MAX_KEYS): what is kept is what
// may be sent. Queued events are the device's own bound.
/** Events kept for later delivery. */
export const MAX_QUEUE = 50;

/** A new, empty record. */
export const fresh = (id: string, now: number): Rec => ({ v: 1, id, f: now, n: 0, t: 0, pv: 0, l: '', vw: [], i: {}, it: now, c: {}, e: {}, se: {}, q: [] });

const num = (x: unknown): boolean => typeof x == 'number' && x >= 0;
// "[object Array]", "[object Null]", "[object Number]" …: one comparison tells apart what
// `typeof` does not (byte-saving over typeof + Array.isArray + a null check).
const kind = (x: unknown): string => ({}).toString.call(x);

/**
 * The stored value if it is a sound, unexpired record of this version; otherwise —
 * corrupted, from another version, expired — a fresh record: a damaged value is
 * discarded, never half-used. Every field must have the type it has in a fresh
 * record; views must have ids and tag lists, counts must be numbers.
 */
export const norm = (x: unknown, id: string, now: number): Rec => {
  const o = x as Record<string, any>;
  const f = fresh(id, now);
  return o?.v === 1 &&
    Object.keys(f).every((k) => kind(o[k]) == kind(f[k as keyof Rec])) &&
    [o.i, o.c, o.e, o.se].every((m) => Object.values(m).every(num)) &&
    o.vw.every((v: ContentView) => v?.id && Array.isArray(v.tags)) &&
    now - o.t < EXPIRE_MS
    ? (o as Rec)
    : f;
};

/** Counts a pageview; a new session starts after 30 min without activity. Returns whether the session is new. */
export const pageview = (r: Rec, path: string, now: number): boolean => {
  if (now - r.t > SESSION_MS) {
    r.n++;
    r.pv = 0;
    r.l = path;
    r.se = {};
  }
  r.t = now;
  return ++r.pv == 1;
};

/** Interest scores as of `now`, halved every `h` days, rounded to 2 decimals; faded ones are left out. */
export const interests = (r: Rec, now: number, h: number): Record<string, number> => {
  const out: Record<string, number> = {};
  const k = 0.5 ** (Math.max(0, now - r.it) / (h * DAY));
  for (const t in r.i) {
    const v = +(r.i[t]! * k).toFixed(2);
    if (v > 0) out[t] = v;
  }
  return out;
};

/** Adds a content view: the sequence keeps the newest MAX_VIEWS; each tag's interest gains 1; the weakest interests beyond MAX_KEYS go. */
export const addView = (r: Rec, id: string, tags: string[], now: number, h: number): void => {
  tags = tags.slice(0, MAX_TAGS);
  r.vw = [...r.vw, { id, tags, at: now }].slice(-MAX_VIEWS);
  const i = interests(r, now, h);
  for (const t of tags) i[t] = (i[t] ?? 0) + 1;
  r.i = Object.fromEntries(Object.entries(i).sort((a, b) => b[1] - a[1]).slice(0, MAX_KEYS));
  r.it = now;
};

/** Adds 1 to `o[k]`; a new key beyond MAX_KEYS is not added, so the map stays bounded. */
export const bump = (o: Record<string, number>, k: string): void => {
  // Own keys only: a goal named "constructor" must not start from Object.prototype's.
  const has = Object.hasOwn(o, k);
  if (has || Object.keys(o).length < MAX_KEYS) o[k] = (has ? o[k]! : 0) + 1;
};
