/**
 * The context fields a rule may read (PRODUCT.md "The context document"), derived
 * from a shape that the compiler checks against `ContextDocument`, so the two
 * cannot drift apart.
 *
 * Dot paths follow GrowthBook's getPath: `device.viewport.width`, `interests.ski`,
 * `conversions.add-to-cart`. `views` is a list, newest last: match it with
 * `$elemMatch` / `$size`; indexed paths such as `views.0.id` are accepted too,
 * but count from the oldest view kept, so they are rarely what you want.
 */
import type { ContentView, ContextDocument, Daypart, DeviceType, ReferrerType } from '../protocol/index.ts';
import { GROUPS_FIELD } from '../language/operators.ts';
import { nearest } from './nearest.ts';

/** What a field holds: `map` = any key below it (`interests.<tag>`); `list` = an array. */
export type FieldKind = 'string' | 'number' | 'boolean' | 'map' | 'list' | 'object';

type Shape<T> = T extends readonly unknown[]
  ? 'list'
  : T extends string
    ? 'string'
    : T extends number
      ? 'number'
      : T extends boolean
        ? 'boolean'
        : string extends keyof T
          ? 'map'
          : { [K in keyof T]-?: Shape<T[K]> };

const CONTEXT_SHAPE: Shape<ContextDocument> = {
  page: { path: 'string', title: 'string', type: 'string' },
  referrer: { host: 'string', type: 'string', source: 'string' },
  utm: { source: 'string', medium: 'string', campaign: 'string', term: 'string', content: 'string' },
  device: {
    type: 'string', os: 'string', browser: 'string', touch: 'boolean',
    viewport: { width: 'number', height: 'number' }, saveData: 'boolean', language: 'string',
  },
  time: { hour: 'number', weekday: 'number', daypart: 'string', timezone: 'string' },
  geo: { country: 'string', region: 'string' },
  session: { pageviews: 'number', landing: 'string', isNew: 'boolean' },
  visitor: { sessions: 'number', returning: 'boolean', daysSinceFirst: 'number' },
  views: 'list',
  interests: 'map',
  conversions: 'map',
  consent: { personalization: 'boolean', analytics: 'boolean' },
};

/** Fields of one entry of `views`, for conditions inside `{"views": {"$elemMatch": …}}`. */
export const VIEW_FIELDS: Shape<ContentView> = { id: 'string', tags: 'list', at: 'number' };

function flatten(shape: object, prefix: string, out: Map<string, FieldKind>): Map<string, FieldKind> {
  for (const [key, value] of Object.entries(shape)) {
    const path = prefix + key;
    if (typeof value === 'string') out.set(path, value as FieldKind);
    else {
      out.set(path, 'object');
      flatten(value, `${path}.`, out);
    }
  }
  return out;
}

const STATIC_FIELDS = flatten(CONTEXT_SHAPE, '', new Map([[GROUPS_FIELD, 'list']]));
const VIEW_KINDS = flatten(VIEW_FIELDS, '', new Map());
const INDEX = /^(0|[1-9]\d*)$/;

/** The kind of value at a dot path of the context document, or undefined for an unknown field. */
export function fieldKind(path: string): FieldKind | undefined {
  const known = STATIC_FIELDS.get(path);
  if (known) return known;
  const [head, ...rest] = path.split('.');
  if (head === undefined || rest.length === 0) return undefined;
  if (STATIC_FIELDS.get(head) === 'map') return rest.length === 1 && rest[0] !== '' ? 'number' : undefined;
  if (head === 'views' && INDEX.test(rest[0]!)) {
    if (rest.length === 1) return 'object';
    const viewField = VIEW_KINDS.get(rest[1]!);
    if (rest.length === 2) return viewField;
    if (rest.length === 3 && viewField === 'list' && INDEX.test(rest[2]!)) return 'string';
  }
  return undefined;
}

/** True when `path` names a field of the context document (or the `$groups` pseudo-field). */
export function isKnownField(path: string): boolean {
  return fieldKind(path) !== undefined;
}

/** The known field closest to a mistyped one (`device.typ` → `device.type`), or undefined. */
export function nearestField(path: string): string | undefined {
  const rest = path.split('.').slice(1).join('.');
  const candidates = [...STATIC_FIELDS.keys()];
  // Map and list families take any key, so offer the family with the same tail (`interest.ski` → `interests.ski`).
  if (rest) for (const family of ['interests', 'conversions', 'views']) candidates.push(`${family}.${rest}`);
  return nearest(path, candidates.filter(isKnownField));
}

/** Every static field name (without the open-ended `interests.*`, `conversions.*`, `views.N.*`). */
export function knownFields(): string[] {
  return [...STATIC_FIELDS.keys()];
}

const REFERRER: Record<ReferrerType, true> = {
  search: true, social: true, email: true, paid: true, ai: true, internal: true, direct: true, other: true,
};
const DEVICE: Record<DeviceType, true> = { mobile: true, tablet: true, desktop: true, tv: true, bot: true };
const DAYPART: Record<Daypart, true> = { morning: true, afternoon: true, evening: true, night: true };

/** Values `referrer.type` can take. */
export const REFERRER_TYPES = Object.keys(REFERRER) as ReferrerType[];
/** Values `device.type` can take. */
export const DEVICE_TYPES = Object.keys(DEVICE) as DeviceType[];
/** Values `time.daypart` can take. */
export const DAYPARTS = Object.keys(DAYPART) as Daypart[];

const ENUMS: Record<string, readonly string[]> = {
  'referrer.type': REFERRER_TYPES,
  'device.type': DEVICE_TYPES,
  'time.daypart': DAYPARTS,
};
const RANGES: Record<string, readonly [number, number]> = { 'time.hour': [0, 23], 'time.weekday': [0, 6] };

/** What a scalar field can be, for messages: `one of mobile, tablet, desktop, tv, bot`. */
function domain(field: string, kind: 'string' | 'number' | 'boolean'): { accepts: (v: unknown) => boolean; text: string } | null {
  const options = ENUMS[field];
  if (options) return { accepts: (v) => options.includes(String(v)), text: `one of ${options.join(', ')}` };
  const range = RANGES[field];
  if (range) return { accepts: (v) => Number.isInteger(v) && (v as number) >= range[0] && (v as number) <= range[1], text: `a whole number from ${range[0]} to ${range[1]}` };
  if (kind === 'boolean') return { accepts: (v) => v === true || v === false, text: 'true or false' };
  if (kind === 'number') return { accepts: (v) => typeof v === 'number' && Number.isFinite(v), text: 'a number' };
  return null;
}

/**
 * Why comparing `field` for equality with `value` can never match, or null when it can.
 * `op` undefined is a plain value (`{"time.hour": "9"}`), which GrowthBook compares after
 * converting the field's value (`9 + "" === "9"`); `$eq` and `$in` compare without conversion.
 * @example impossibleValue('device.type', 'phone') // 'device.type is compared with "phone", which it never is: one of mobile, tablet, desktop, tv, bot'
 */
export function impossibleValue(field: string, value: unknown, op?: '$eq' | '$in'): string | null {
  const kind = fieldKind(field);
  if (kind !== 'string' && kind !== 'number' && kind !== 'boolean') return null;
  if (typeof value !== 'string' && typeof value !== 'number') return null; // null and booleans: truthiness, always possible
  if (op !== undefined && typeof value !== kind) {
    return `${field} is a ${kind}, but ${JSON.stringify(value)} is a ${typeof value} and ${op} does not convert, so it never matches`;
  }
  const dom = domain(field, kind);
  if (!dom) return null;
  // Without an operator, the field's value is converted to the type of the written value first.
  let candidate: string | number | boolean = value;
  if (typeof value === 'string' && kind === 'number') candidate = String(Number(value)) === value ? Number(value) : NaN;
  if (typeof value === 'string' && kind === 'boolean') candidate = value === 'true' ? true : value === 'false' ? false : '';
  if (typeof value === 'number' && kind === 'boolean') candidate = value === 1 ? true : value === 0 ? false : '';
  if (typeof value === 'number' && kind === 'string' && !ENUMS[field]) return null;
  return dom.accepts(candidate) ? null : `${field} is compared with ${JSON.stringify(value)}, which it never is: ${dom.text}`;
}
