// A hand-written fast check of decide bodies, for the hot path. valibot's schema in
// decide-request.ts is the specification; decide-request.differential.test.ts keeps the two
// equal. Each function returns what valibot's safeParse would output, or `undefined` when the
// value is invalid or the check is unsure, and the caller then asks valibot, which also words
// the error. So it may give up on a valid value, but must never pass an invalid one.
//
// What valibot does that this mirrors:
// - `v.object` and `v.strictObject` build a new object with the schema's keys in schema order;
//   unknown keys are dropped (object) or refused (strictObject, which looks at every key for…in
//   yields). An optional key that is absent stays absent.
// - An optional key present with `undefined` is kept as `key: undefined`. JSON never produces
//   one, so rather than copy that we give up (`'key' in x`) and let valibot answer.
// - `v.record` looks only at own keys and skips `__proto__`, `prototype` and `constructor`
//   silently; the key-count check then counts what is left.
// - `v.array` builds a new array; `maxLength` counts `.length` (UTF-16 units for strings).
// - `v.number` refuses NaN; comparisons with NaN are false, so the range tests cover that.
import type { DecideRequest, Signals } from '../protocol/index.ts';

type Obj = Record<string, unknown>;
type Counts = Record<string, number>;

const isObj = (x: unknown): x is Obj => x !== null && typeof x === 'object' && !Array.isArray(x);
const isStr = (x: unknown, max: number, min = 0): x is string => typeof x === 'string' && x.length >= min && x.length <= max;
const isNum = (x: unknown, min: number, max = Number.MAX_SAFE_INTEGER): x is number => typeof x === 'number' && x >= min && x <= max;
const isBool = (x: unknown): x is boolean => typeof x === 'boolean';
const hasOwn = Object.prototype.hasOwnProperty;
/** The keys `v.record` reads. */
const isRecordKey = (x: Obj, key: string): boolean =>
  hasOwn.call(x, key) && key !== '__proto__' && key !== 'prototype' && key !== 'constructor';

/**
 * The decide body as `v.safeParse(DecideRequestSchema, value)` would output it, or `undefined`
 * when the value is invalid or this check cannot tell; then ask valibot.
 */
export function fastDecideRequest(value: unknown): DecideRequest | undefined {
  if (!isObj(value)) return;
  for (const key in value) {
    switch (key) {
      case 'site': case 'slots': case 'visitor': case 'consent': case 'signals': case 'preview': case 'debug':
        break;
      default:
        return;
    }
  }
  const { site, visitor, consent, preview, debug } = value;
  if (!isStr(site, 64, 1) || !isStr(visitor, 128, 1) || !isObj(consent)) return;
  const slots = slotIds(value.slots);
  if (!slots) return;
  const { personalization, analytics } = consent;
  if (!isBool(personalization) || !isBool(analytics)) return;
  const signals = signalsOf(value.signals);
  if (!signals) return;
  const out: DecideRequest = { site, slots, visitor, consent: { personalization, analytics }, signals };
  if (preview !== undefined) {
    const r = previewOf(preview);
    if (!r) return;
    out.preview = r;
  } else if ('preview' in value) return;
  if (debug !== undefined) {
    if (!isBool(debug)) return;
    out.debug = debug;
  } else if ('debug' in value) return;
  return out;
}

function slotIds(x: unknown): string[] | undefined {
  if (!Array.isArray(x) || x.length < 1 || x.length > 50) return;
  const out: string[] = [];
  for (let i = 0; i < x.length; i++) {
    const id: unknown = x[i];
    if (!isStr(id, 64, 1)) return;
    // At most 50 ids: a quadratic scan beats allocating a Set.
    for (let j = 0; j < i; j++) if (out[j] === id) return;
    out.push(id);
  }
  return out;
}

function strings(x: unknown, maxItems: number, maxLength: number): string[] | undefined {
  if (!Array.isArray(x) || x.length > maxItems) return;
  const out: string[] = [];
  for (let i = 0; i < x.length; i++) {
    const s: unknown = x[i];
    if (!isStr(s, maxLength)) return;
    out.push(s);
  }
  return out;
}

function counts(x: unknown, max: number): Counts | undefined {
  if (!isObj(x)) return;
  const out: Counts = {};
  let n = 0;
  for (const key in x) {
    if (!isRecordKey(x, key)) continue;
    const count = x[key];
    if (key.length > 128 || !isNum(count, 0) || ++n > max) return;
    out[key] = count;
  }
  return out;
}

function previewOf(x: unknown): Record<string, string> | undefined {
  if (!isObj(x)) return;
  const out: Record<string, string> = {};
  let n = 0;
  for (const key in x) {
    if (!isRecordKey(x, key)) continue;
    const variant = x[key];
    if (!isStr(key, 64, 1) || !isStr(variant, 64, 1) || ++n > 50) return;
    out[key] = variant;
  }
  return out;
}

function signalsOf(x: unknown): Signals | undefined {
  if (!isObj(x)) return;
  const out: Signals = {};
  const { page, referrer, utm, clickIds, ua, uaData, touch, viewport, saveData, language, time, session, visitor, views, interests, conversions, exposures } = x;
  if (page !== undefined) {
    const r = pageOf(page);
    if (!r) return;
    out.page = r;
  } else if ('page' in x) return;
  if (referrer !== undefined) {
    if (!isStr(referrer, 2048)) return;
    out.referrer = referrer;
  } else if ('referrer' in x) return;
  if (utm !== undefined) {
    const r = utmOf(utm);
    if (!r) return;
    out.utm = r;
  } else if ('utm' in x) return;
  if (clickIds !== undefined) {
    const r = strings(clickIds, 20, 64);
    if (!r) return;
    out.clickIds = r;
  } else if ('clickIds' in x) return;
  if (ua !== undefined) {
    if (!isStr(ua, 2048)) return;
    out.ua = ua;
  } else if ('ua' in x) return;
  if (uaData !== undefined) {
    const r = uaDataOf(uaData);
    if (!r) return;
    out.uaData = r;
  } else if ('uaData' in x) return;
  if (touch !== undefined) {
    if (!isBool(touch)) return;
    out.touch = touch;
  } else if ('touch' in x) return;
  if (viewport !== undefined) {
    const r = viewportOf(viewport);
    if (!r) return;
    out.viewport = r;
  } else if ('viewport' in x) return;
  if (saveData !== undefined) {
    if (!isBool(saveData)) return;
    out.saveData = saveData;
  } else if ('saveData' in x) return;
  if (language !== undefined) {
    if (!isStr(language, 64)) return;
    out.language = language;
  } else if ('language' in x) return;
  if (time !== undefined) {
    const r = timeOf(time);
    if (!r) return;
    out.time = r;
  } else if ('time' in x) return;
  if (session !== undefined) {
    const r = sessionOf(session);
    if (!r) return;
    out.session = r;
  } else if ('session' in x) return;
  if (visitor !== undefined) {
    const r = visitorOf(visitor);
    if (!r) return;
    out.visitor = r;
  } else if ('visitor' in x) return;
  if (views !== undefined) {
    const r = viewsOf(views);
    if (!r) return;
    out.views = r;
  } else if ('views' in x) return;
  if (interests !== undefined) {
    const r = counts(interests, 500);
    if (!r) return;
    out.interests = r;
  } else if ('interests' in x) return;
  if (conversions !== undefined) {
    const r = counts(conversions, 500);
    if (!r) return;
    out.conversions = r;
  } else if ('conversions' in x) return;
  if (exposures !== undefined) {
    const r = exposuresOf(exposures);
    if (!r) return;
    out.exposures = r;
  } else if ('exposures' in x) return;
  return out;
}

function pageOf(x: unknown): Signals['page'] {
  if (!isObj(x)) return;
  const out: NonNullable<Signals['page']> = {};
  const { path, title, type } = x;
  if (path !== undefined) {
    if (!isStr(path, 2048)) return;
    out.path = path;
  } else if ('path' in x) return;
  if (title !== undefined) {
    if (!isStr(title, 2048)) return;
    out.title = title;
  } else if ('title' in x) return;
  if (type !== undefined) {
    if (!isStr(type, 64)) return;
    out.type = type;
  } else if ('type' in x) return;
  return out;
}

function utmOf(x: unknown): Signals['utm'] {
  if (!isObj(x)) return;
  const out: NonNullable<Signals['utm']> = {};
  const { source, medium, campaign, term, content } = x;
  if (source !== undefined) {
    if (!isStr(source, 512)) return;
    out.source = source;
  } else if ('source' in x) return;
  if (medium !== undefined) {
    if (!isStr(medium, 512)) return;
    out.medium = medium;
  } else if ('medium' in x) return;
  if (campaign !== undefined) {
    if (!isStr(campaign, 512)) return;
    out.campaign = campaign;
  } else if ('campaign' in x) return;
  if (term !== undefined) {
    if (!isStr(term, 512)) return;
    out.term = term;
  } else if ('term' in x) return;
  if (content !== undefined) {
    if (!isStr(content, 512)) return;
    out.content = content;
  } else if ('content' in x) return;
  return out;
}

function uaDataOf(x: unknown): Signals['uaData'] {
  if (!isObj(x)) return;
  const out: NonNullable<Signals['uaData']> = {};
  const { mobile, platform, brands } = x;
  if (mobile !== undefined) {
    if (!isBool(mobile)) return;
    out.mobile = mobile;
  } else if ('mobile' in x) return;
  if (platform !== undefined) {
    if (!isStr(platform, 64)) return;
    out.platform = platform;
  } else if ('platform' in x) return;
  if (brands !== undefined) {
    if (!Array.isArray(brands) || brands.length > 20) return;
    const list: { brand: string; version: string }[] = [];
    for (let i = 0; i < brands.length; i++) {
      const item: unknown = brands[i];
      if (!isObj(item)) return;
      const { brand, version } = item;
      if (!isStr(brand, 128) || !isStr(version, 64)) return;
      list.push({ brand, version });
    }
    out.brands = list;
  } else if ('brands' in x) return;
  return out;
}

function viewportOf(x: unknown): Signals['viewport'] {
  if (!isObj(x)) return;
  const out: NonNullable<Signals['viewport']> = {};
  const { width, height } = x;
  if (width !== undefined) {
    if (!isNum(width, 0)) return;
    out.width = width;
  } else if ('width' in x) return;
  if (height !== undefined) {
    if (!isNum(height, 0)) return;
    out.height = height;
  } else if ('height' in x) return;
  return out;
}

function timeOf(x: unknown): Signals['time'] {
  if (!isObj(x)) return;
  const out: NonNullable<Signals['time']> = {};
  const { hour, weekday, timezone } = x;
  if (hour !== undefined) {
    if (!isNum(hour, 0, 23)) return;
    out.hour = hour;
  } else if ('hour' in x) return;
  if (weekday !== undefined) {
    if (!isNum(weekday, 0, 6)) return;
    out.weekday = weekday;
  } else if ('weekday' in x) return;
  if (timezone !== undefined) {
    if (!isStr(timezone, 64)) return;
    out.timezone = timezone;
  } else if ('timezone' in x) return;
  return out;
}

function sessionOf(x: unknown): Signals['session'] {
  if (!isObj(x)) return;
  const out: NonNullable<Signals['session']> = {};
  const { pageviews, landing, isNew } = x;
  if (pageviews !== undefined) {
    if (!isNum(pageviews, 0)) return;
    out.pageviews = pageviews;
  } else if ('pageviews' in x) return;
  if (landing !== undefined) {
    if (!isStr(landing, 2048)) return;
    out.landing = landing;
  } else if ('landing' in x) return;
  if (isNew !== undefined) {
    if (!isBool(isNew)) return;
    out.isNew = isNew;
  } else if ('isNew' in x) return;
  return out;
}

function visitorOf(x: unknown): Signals['visitor'] {
  if (!isObj(x)) return;
  const out: NonNullable<Signals['visitor']> = {};
  const { sessions, firstSeen } = x;
  if (sessions !== undefined) {
    if (!isNum(sessions, 0)) return;
    out.sessions = sessions;
  } else if ('sessions' in x) return;
  if (firstSeen !== undefined) {
    if (!isNum(firstSeen, 0)) return;
    out.firstSeen = firstSeen;
  } else if ('firstSeen' in x) return;
  return out;
}

function viewsOf(x: unknown): Signals['views'] {
  if (!Array.isArray(x) || x.length > 500) return;
  const out: NonNullable<Signals['views']> = [];
  for (let i = 0; i < x.length; i++) {
    const item: unknown = x[i];
    if (!isObj(item)) return;
    const { id, at } = item;
    if (!isStr(id, 256, 1)) return;
    const tags = strings(item.tags, 50, 128);
    if (!tags || !isNum(at, 0)) return;
    out.push({ id, tags, at });
  }
  return out;
}

function exposuresOf(x: unknown): Signals['exposures'] {
  if (!isObj(x)) return;
  const out: NonNullable<Signals['exposures']> = {};
  const { visitor, session } = x;
  if (visitor !== undefined) {
    const r = counts(visitor, 500);
    if (!r) return;
    out.visitor = r;
  } else if ('visitor' in x) return;
  if (session !== undefined) {
    const r = counts(session, 500);
    if (!r) return;
    out.session = r;
  } else if ('session' in x) return;
  return out;
}
