import * as v from 'valibot';
import type { DecideRequest } from '../protocol/index.ts';
import { fastDecideRequest } from './decide-request-fast.ts';
import { ApiError } from './errors.ts';
import { jsonPath } from './json-path.ts';

// Messages complete the sentence "<field> …", and a formatter appends ", got <value>".
const str = (max: number, min = 0) => {
  const m = min > 0 ? `must be a string of ${min} to ${max} characters` : `must be a string of at most ${max} characters`;
  return v.pipe(v.string(m), v.minLength(min, m), v.maxLength(max, m));
};
const num = (min: number, max = Number.MAX_SAFE_INTEGER) => {
  const m = max === Number.MAX_SAFE_INTEGER ? `must be a number of at least ${min}` : `must be a number between ${min} and ${max}`;
  return v.pipe(v.number(m), v.minValue(min, m), v.maxValue(max, m));
};
const bool = () => v.boolean('must be true or false');
// valibot's object and record schemas take arrays for objects; JSON callers mean something else.
const plain = (m: string) => v.custom<Record<string, unknown>>((x) => x !== null && typeof x === 'object' && !Array.isArray(x), m);
const obj = <E extends v.ObjectEntries>(entries: E) => v.pipe(plain('must be an object'), v.object(entries, 'must be an object'));
const list = <T extends v.GenericSchema>(item: T, max: number) =>
  v.pipe(v.array(item, 'must be an array'), v.maxLength(max, `must hold at most ${max} items`));
const counts = (max: number) =>
  v.pipe(
    plain('must be an object of numbers'),
    v.record(str(128), num(0), 'must be an object of numbers'),
    v.check((r) => Object.keys(r).length <= max, `must hold at most ${max} keys`),
  );
const opt = v.optional;

// Signal strings get a generous bound here (the body cap binds first anyway); the context
// derivation cuts them to their working size. Unknown signal keys are dropped, not refused,
// so a newer SDK can talk to an older edge.
const signals = obj({
  page: opt(obj({ path: opt(str(2048)), title: opt(str(2048)), type: opt(str(64)) })),
  referrer: opt(str(2048)),
  utm: opt(obj({ source: opt(str(512)), medium: opt(str(512)), campaign: opt(str(512)), term: opt(str(512)), content: opt(str(512)) })),
  clickIds: opt(list(str(64), 20)),
  ua: opt(str(2048)),
  uaData: opt(obj({ mobile: opt(bool()), platform: opt(str(64)), brands: opt(list(obj({ brand: str(128), version: str(64) }), 20)) })),
  touch: opt(bool()),
  viewport: opt(obj({ width: opt(num(0)), height: opt(num(0)) })),
  saveData: opt(bool()),
  language: opt(str(64)),
  time: opt(obj({ hour: opt(num(0, 23)), weekday: opt(num(0, 6)), timezone: opt(str(64)) })),
  session: opt(obj({ pageviews: opt(num(0)), landing: opt(str(2048)), isNew: opt(bool()) })),
  visitor: opt(obj({ sessions: opt(num(0)), firstSeen: opt(num(0)) })),
  views: opt(list(obj({ id: str(256, 1), tags: list(str(128), 50), at: num(0) }), 500)),
  interests: opt(counts(500)),
  conversions: opt(counts(500)),
  exposures: opt(obj({ visitor: opt(counts(500)), session: opt(counts(500)) })),
});

const TOP_LEVEL = ['site', 'slots', 'visitor', 'consent', 'signals', 'preview', 'debug'];

/**
 * The decide body's schema: the specification. decide-request-fast.ts repeats it by hand for
 * speed, and decide-request.differential.test.ts keeps the two equal.
 */
export const DecideRequestSchema = v.strictObject(
  {
    site: str(64, 1),
    slots: v.pipe(
      v.array(str(64, 1), 'must be an array of slot ids'),
      v.minLength(1, 'must name at least one slot'),
      v.maxLength(50, 'must name at most 50 slots'),
      v.check((ids) => new Set(ids).size === ids.length, (issue) => `must not repeat a slot id (${firstRepeat(issue.input as string[])})`),
    ),
    visitor: str(128, 1),
    consent: obj({ personalization: bool(), analytics: bool() }),
    signals,
    preview: opt(v.pipe(plain('must be an object of slot → variant id'), v.record(str(64, 1), str(64, 1), 'must be an object of slot → variant id'), v.check((r) => Object.keys(r).length <= 50, 'must hold at most 50 slots'))),
    debug: opt(bool()),
  },
  `is not a known field (expected one of ${TOP_LEVEL.join(', ')})`,
);

/** Issues listed in one error message; the rest are counted. */
const MAX_LISTED = 3;

/**
 * Validates a parsed decide body and returns it typed. Unknown top-level fields are
 * refused (they are usually typos); unknown fields inside `signals` are dropped.
 *
 * @throws ApiError 400 `invalid_request` when the body is not an object, 422 `invalid_request`
 *   when fields are wrong; the message names each field and problem, e.g.
 *   `signals.time.hour must be a number between 0 and 23, got "nine"`, and `path` points at the first.
 */
export function parseDecideRequest(value: unknown): DecideRequest {
  // Nearly every body is valid: a hand-written check answers those in a fraction of valibot's
  // time; anything it does not pass goes to valibot, which decides and words the error.
  return fastDecideRequest(value) ?? parseDecideRequestSlow(value);
}

/** {@link parseDecideRequest} by valibot alone: the reference for the fast path. */
export function parseDecideRequestSlow(value: unknown): DecideRequest {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ApiError(400, 'invalid_request', `the request body must be a JSON object, got ${describe(value)}`, '$');
  }
  const result = v.safeParse(DecideRequestSchema, value, { abortPipeEarly: true });
  if (result.success) return result.output;
  const issues = result.issues;
  const listed = issues.slice(0, MAX_LISTED).map(formatIssue);
  const more = issues.length > MAX_LISTED ? ` (and ${issues.length - MAX_LISTED} more)` : '';
  throw new ApiError(422, 'invalid_request', listed.join('; ') + more, jsonPath(keysOf(issues[0])));
}

function keysOf(issue: v.BaseIssue<unknown>): (string | number)[] {
  return (issue.path ?? []).map((item) => item.key as string | number);
}

function formatIssue(issue: v.BaseIssue<unknown>): string {
  const field = jsonPath(keysOf(issue), '') || 'the request body';
  // An object schema reports a missing key with the key's name as `expected`.
  if (issue.kind === 'schema' && issue.received === 'undefined' && issue.expected?.startsWith('"')) {
    return `${field} is required`;
  }
  if (issue.type === 'strict_object') return `${field} ${issue.message}`;
  return `${field} ${issue.message}, got ${describe(issue.input)}`;
}

/** A short rendering of a bad value for a message. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object') return 'an object';
  if (typeof value === 'string' && value.length > 40) return `a string of ${value.length} characters`;
  return JSON.stringify(value);
}

function firstRepeat(ids: string[]): string {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) return `"${id.slice(0, 64)}" appears twice`;
    seen.add(id);
  }
  return '';
}
