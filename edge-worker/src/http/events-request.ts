import type { EventsRequest, KairosEvent } from '../protocol/index.ts';
import { ApiError } from './errors.ts';
import { jsonPath } from './json-path.ts';
import { MAX_VISITOR_LENGTH } from '../protocol/limits.ts';
import { checkSpec, int, list, num, oneOf, opt, pattern, str, strictObj } from './spec/index.ts';

/** At most this many events per batch; the SDK sends 20 at a time. */
export const MAX_EVENTS_PER_BATCH = 200;

const id = str(100, 1);
const name = (min = 0) => str(100, min);
/** A decision's reason id: `slot:rule:variant` or `slot:-:outcome` (ids are slugs, never containing `:`). */
const reasonId = pattern(310, 0, /^[^:\s]+:[^:\s]+:[^:\s]+$/, 'must be a reason id like "hero:rule:variant"');

const EVENT = strictObj({
  id,
  type: oneOf('exposure', 'conversion', 'vital', 'timeout'),
  at: int(0),
  slot: opt(name(1)),
  rule: opt(name(1)),
  variant: opt(name()),
  reason: opt(reasonId),
  token: opt(str(64)),
  goal: opt(name(1)),
  value: opt(num(-1e9, 1e9)),
  metric: opt(oneOf('LCP', 'CLS', 'INP')),
  decisions: opt(list(reasonId, 50)),
  segment: opt(str(200)),
  consent: oneOf('analytics', 'analytics+personalization'),
});

/** The events body, the one specification of it (validation and wording). */
export const EVENTS_REQUEST = strictObj({
  site: name(),
  // The same bound as decide's and forget's: an id decide took (or a proxy's cookie) must be one events take.
  visitor: str(MAX_VISITOR_LENGTH, 1),
  rulesVersion: opt(name()),
  events: list(EVENT, MAX_EVENTS_PER_BATCH, { min: 1 }),
});

/** What each event type must carry beyond the common fields; the first gap, or undefined. */
function missing(e: KairosEvent): [field: string, why: string] | undefined {
  switch (e.type) {
    case 'exposure':
      if (e.slot === undefined) return ['slot', 'an exposure names its slot'];
      if (e.reason === undefined) return ['reason', 'an exposure carries its decision\'s reason id'];
      if (!e.reason.startsWith(`${e.slot}:`)) return ['reason', `the reason id "${e.reason}" is not one of slot "${e.slot}"`];
      return undefined;
    case 'timeout':
      return e.slot === undefined ? ['slot', 'a timeout names its slot'] : undefined;
    case 'conversion':
      return e.goal === undefined ? ['goal', 'a conversion names its goal'] : undefined;
    case 'vital':
      if (e.metric === undefined) return ['metric', 'a vital names its metric (LCP, CLS or INP)'];
      if (e.value === undefined || e.value < 0) return ['value', 'a vital carries its measured value, ≥ 0'];
      return undefined;
  }
}

/**
 * Validates an events batch: the shape, then what each event type needs. Throws a
 * 400 naming the first few problems and where they are; nothing is stored then.
 */
export function parseEventsRequest(value: unknown): EventsRequest {
  const { value: out, issues } = checkSpec(EVENTS_REQUEST, value);
  const first = issues[0];
  if (first) {
    const message = issues.slice(0, 3).map((i) => `${jsonPath(i.path)}: ${i.message}`).join('; ');
    throw new ApiError(400, 'invalid_events', message, jsonPath(first.path));
  }
  const body = out as EventsRequest;
  body.events.forEach((e, i) => {
    const gap = missing(e);
    if (gap) throw new ApiError(400, 'invalid_events', `$.events[${i}].${gap[0]}: ${gap[1]}`, `$.events[${i}].${gap[0]}`);
  });
  return body;
}
