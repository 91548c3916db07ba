import * as v from 'valibot';
import type { EventsRequest } from '../types.ts';
import { ApiError } from './errors.ts';

/** At most this many events per batch; the SDK sends far fewer. */
export const MAX_EVENTS_PER_BATCH = 200;

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
const name = v.pipe(v.string(), v.maxLength(100));

const EventSchema = v.strictObject({
  id,
  type: v.picklist(['exposure', 'conversion', 'vital', 'timeout']),
  at: v.pipe(v.number(), v.integer(), v.minValue(0)),
  slot: v.optional(name),
  rule: v.optional(name),
  variant: v.optional(name),
  reason: v.optional(v.pipe(v.string(), v.maxLength(310))),
  goal: v.optional(name),
  value: v.optional(v.pipe(v.number(), v.finite())),
  metric: v.optional(v.picklist(['LCP', 'CLS', 'INP'])),
  decisions: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(310))), v.maxLength(50))),
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

/** Validates an events batch; throws a 400 naming the first few problems and where they are. */
export function parseEventsRequest(value: unknown): EventsRequest {
  const r = v.safeParse(EventsSchema, value);
  if (r.success) return r.output as EventsRequest;
  const first = r.issues[0];
  const message = r.issues.slice(0, 3).map((i) => `${pathOf(i)}: ${i.message}`).join('; ');
  throw new ApiError(400, 'invalid_events', message, pathOf(first));
}
