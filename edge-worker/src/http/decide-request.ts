import type { DecideRequest } from '../protocol/index.ts';
import { MAX_ID_LENGTH, MAX_KEYS, MAX_SLOTS, MAX_TAGS, MAX_VIEWS, MAX_VISITOR_LENGTH } from '../protocol/limits.ts';
import { ApiError } from './errors.ts';
import { jsonPath } from './json-path.ts';
import { bool, checkSpec, list, num, obj, opt, record, str, strictObj, type SpecIssue } from './spec/index.ts';

const counts = (keyMax: number) => record(num(0), MAX_KEYS, { max: keyMax }, { type: 'must be an object of numbers' });

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
  views: opt(list(obj({ id: str(256, 1), tags: list(str(128), MAX_TAGS), at: num(0) }), MAX_VIEWS)),
  interests: opt(counts(128)),
  conversions: opt(counts(128)),
  // Exposure keys are `slot/rule`.
  exposures: opt(obj({ visitor: opt(counts(2 * MAX_ID_LENGTH + 1)), session: opt(counts(2 * MAX_ID_LENGTH + 1)) })),
  // Bandit assignments, keyed `slot/rule` like exposures.
  assigned: opt(record(obj({ variant: str(MAX_ID_LENGTH, 1), at: num(0) }), MAX_KEYS, { max: 2 * MAX_ID_LENGTH + 1 }, { type: 'must be an object of slot/rule → { variant, at }' })),
});

/**
 * The decide body, the one specification of it: validation, the error wording, the
 * bounds (from protocol/limits.ts, which the SDK keeps to) and `decide-request.schema.json`.
 */
export const DECIDE_REQUEST = strictObj({
  site: str(MAX_ID_LENGTH, 1),
  slots: list(str(MAX_ID_LENGTH, 1), MAX_SLOTS, {
    min: 1,
    unique: true,
    words: { type: 'must be an array of slot ids', min: 'must name at least one slot', max: `must name at most ${MAX_SLOTS} slots` },
  }),
  visitor: str(MAX_VISITOR_LENGTH, 1),
  consent: obj({ personalization: bool(), analytics: bool() }),
  signals,
  preview: opt(record(str(MAX_ID_LENGTH, 1), MAX_SLOTS, { min: 1, max: MAX_ID_LENGTH }, {
    type: 'must be an object of slot → variant id',
    max: `must hold at most ${MAX_SLOTS} slots`,
  })),
  debug: opt(bool()),
});

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
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ApiError(400, 'invalid_request', `the request body must be a JSON object, got ${describe(value)}`, '$');
  }
  const { value: out, issues } = checkSpec(DECIDE_REQUEST, value);
  if (issues.length === 0) return out as DecideRequest;
  const listed = issues.slice(0, MAX_LISTED).map(formatIssue);
  const more = issues.length > MAX_LISTED ? ` (and ${issues.length - MAX_LISTED} more)` : '';
  throw new ApiError(422, 'invalid_request', listed.join('; ') + more, jsonPath(issues[0]!.path));
}

function formatIssue(issue: SpecIssue): string {
  const field = jsonPath(issue.path, '') || 'the request body';
  return issue.bare ? `${field} ${issue.message}` : `${field} ${issue.message}, got ${describe(issue.value)}`;
}

/** A short rendering of a bad value for a message. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object') return 'an object';
  if (typeof value === 'string' && value.length > 40) return `a string of ${value.length} characters`;
  return JSON.stringify(value);
}
