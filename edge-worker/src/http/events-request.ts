import * as v from 'valibot';
import type { EventsRequest, KairosEvent } from '../protocol/index.ts';
import { ApiError } from './errors.ts';

/** At most this many events per batch; the SDK sends 20 at a time. */
export const MAX_EVENTS_PER_BATCH = 200;

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
const name = v.pipe(v.string(), v.maxLength(100));
/** A decision's reason id: `slot:rule:variant` or `slot:-:outcome` (ids are slugs, never containing `:`). */
const reasonId = v.pipe(v.string(), v.maxLength(310), v.regex(/^[^:\s]+:[^:\s]+:[^:\s]+$/, 'must be a reason id like "hero:rule:variant"'));

const EventSchema = v.strictObject({
  id,
  type: v.picklist(['exposure', 'conversion', 'vital', 'timeout']),
  at: v.pipe(v.number(), v.integer(), v.minValue(0)),
  slot: v.optional(v.pipe(name, v.minLength(1))),
  rule: v.optional(v.pipe(name, v.minLength(1))),
  variant: v.optional(name),
  reason: v.optional(reasonId),
  token: v.optional(v.pipe(v.string(), v.maxLength(64))),
  segment: v.optional(v.pipe(v.string(), v.maxLength(200))),
  goal: v.optional(v.pipe(name, v.minLength(1))),
  value: v.optional(v.pipe(v.number(), v.finite(), v.minValue(-1e9), v.maxValue(1e9))),
  metric: v.optional(v.picklist(['LCP', 'CLS', 'INP'])),
  decisions: v.optional(v.pipe(v.array(reasonId), v.maxLength(50))),
  consent: v.picklist(['analytics', 'analytics+personalization']),
});

const EventsSchema = v.strictObject({
  site: name,
  visitor: id,
  rulesVersion: v.optional(name),
  events: v.pipe(v.array(EventSchema), v.minLength(1), v.maxLength(MAX_EVENTS_PER_BATCH)),
});

function pathOf(issue: v.BaseIssue<unknown>): string {
  return '$' + (issue.path ?? []).map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`)).join('');
}

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
  const r = v.safeParse(EventsSchema, value);
  if (!r.success) {
    const first = r.issues[0];
    const message = r.issues.slice(0, 3).map((i) => `${pathOf(i)}: ${i.message}`).join('; ');
    throw new ApiError(400, 'invalid_events', message, pathOf(first));
  }
  const body = r.output as EventsRequest;
  body.events.forEach((e, i) => {
    const gap = missing(e);
    if (gap) throw new ApiError(400, 'invalid_events', `$.events[${i}].${gap[0]}: ${gap[1]}`, `$.events[${i}].${gap[0]}`);
  });
  return body;
}
