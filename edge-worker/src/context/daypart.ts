import type { Daypart, Signals } from '../protocol/index.ts';
import { bounded, clampInt } from './bounds.ts';
import { Lru } from './lru.ts';

/**
 * The part of the day of a local hour (PRODUCT.md): morning 05–11, afternoon 12–16,
 * evening 17–21, night 22–04.
 */
export function daypartOf(hour: number): Daypart {
  if (hour >= 5 && hour <= 11) return 'morning';
  if (hour >= 12 && hour <= 16) return 'afternoon';
  if (hour >= 17 && hour <= 21) return 'evening';
  return 'night';
}

/** The visitor's local time, as the context document holds it. */
export interface LocalTime {
  /** 0–23. */
  hour: number;
  /** 0–6, 0 = Sunday. */
  weekday: number;
  /** IANA zone the SDK sent (canonical spelling), `'UTC'` when we fell back to UTC, else `''`. */
  timezone: string;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

// Building an Intl.DateTimeFormat is the costly part and visitors share a few zones.
// `null` remembers zones that turned out invalid, so junk is rejected cheaply too.
const formatters = new Lru<string, Intl.DateTimeFormat | null>(200);

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(zone);
  if (f !== undefined) return f;
  try {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', hour: 'numeric', weekday: 'short' });
  } catch {
    f = null; // RangeError: not an IANA zone this runtime knows
  }
  formatters.set(zone, f);
  return f;
}

const zoneNames = new Lru<string, string>(200);

/** The canonical spelling of a valid IANA zone, `''` for an invalid one. */
function canonicalZone(zone: string): string {
  let name = zoneNames.get(zone);
  if (name === undefined) {
    name = formatterFor(zone)?.resolvedOptions().timeZone ?? '';
    zoneNames.set(zone, name);
  }
  return name;
}

/** Hour and weekday of `now` in `zone`; `undefined` when the zone is not a valid IANA zone. */
function zonedTime(zone: string, now: Date): LocalTime | undefined {
  const f = formatterFor(zone);
  if (!f) return undefined;
  let hour = -1;
  let weekday = -1;
  for (const part of f.formatToParts(now)) {
    if (part.type === 'hour') hour = Number(part.value) % 24;
    else if (part.type === 'weekday') weekday = WEEKDAYS[part.value] ?? -1;
  }
  if (hour < 0 || weekday < 0) return undefined;
  return { hour, weekday, timezone: f.resolvedOptions().timeZone };
}

/**
 * The visitor's local hour, weekday and zone. The SDK's own clock reading wins; a
 * field it did not send comes from its time zone (when that is a valid IANA zone),
 * else from `now` in UTC.
 *
 * @example localTime({ timezone: 'Europe/Paris' }, new Date('2026-01-05T08:30:00Z')) // { hour: 9, weekday: 1, timezone: 'Europe/Paris' }
 */
export function localTime(time: Signals['time'], now: Date): LocalTime {
  const sent = time ?? {};
  const zone = bounded(sent.timezone, 64);
  const hasHour = typeof sent.hour === 'number' && Number.isFinite(sent.hour);
  const hasWeekday = typeof sent.weekday === 'number' && Number.isFinite(sent.weekday);
  if (hasHour && hasWeekday) {
    // The usual case: the SDK's clock is complete, the zone only needs its canonical name
    // (formatting the time would cost more than the whole decision).
    return { hour: clampInt(sent.hour, 0, 23), weekday: clampInt(sent.weekday, 0, 6), timezone: zone ? canonicalZone(zone) : '' };
  }
  const zoned = zone ? zonedTime(zone, now) : undefined;
  const fallback: LocalTime = zoned ?? { hour: now.getUTCHours(), weekday: now.getUTCDay(), timezone: 'UTC' };
  return {
    hour: hasHour ? clampInt(sent.hour, 0, 23) : fallback.hour,
    weekday: hasWeekday ? clampInt(sent.weekday, 0, 6) : fallback.weekday,
    // Only claim UTC when the UTC clock actually supplied a field.
    timezone: zoned ? zoned.timezone : 'UTC',
  };
}
