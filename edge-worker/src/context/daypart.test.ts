import { describe, expect, it } from 'vitest';
import { daypartOf, localTime } from './daypart.ts';

describe('daypartOf', () => {
  it.each([
    [0, 'night'], [4, 'night'], [5, 'morning'], [11, 'morning'], [12, 'afternoon'], [16, 'afternoon'],
    [17, 'evening'], [21, 'evening'], [22, 'night'], [23, 'night'],
  ] as const)('hour %i is %s', (hour, part) => {
    expect(daypartOf(hour)).toBe(part);
  });
});

describe('localTime', () => {
  // Monday 5 January 2026, 08:30 UTC.
  const now = new Date('2026-01-05T08:30:00Z');

  it("uses the SDK's own clock reading", () => {
    expect(localTime({ hour: 21, weekday: 5, timezone: 'America/New_York' }, now)).toEqual({ hour: 21, weekday: 5, timezone: 'America/New_York' });
  });

  it('clamps and floors what the SDK sent', () => {
    expect(localTime({ hour: 99, weekday: -3 }, now)).toMatchObject({ hour: 23, weekday: 0 });
    expect(localTime({ hour: 7.9, weekday: 2.2 }, now)).toMatchObject({ hour: 7, weekday: 2 });
  });

  it('computes missing fields in the sent IANA zone', () => {
    expect(localTime({ timezone: 'Europe/Paris' }, now)).toEqual({ hour: 9, weekday: 1, timezone: 'Europe/Paris' });
    // 08:30 UTC Monday is 21:30 Sunday in Pago Pago (UTC-11).
    expect(localTime({ timezone: 'Pacific/Pago_Pago' }, now)).toEqual({ hour: 21, weekday: 0, timezone: 'Pacific/Pago_Pago' });
    expect(localTime({ hour: 10, timezone: 'Asia/Tokyo' }, now)).toEqual({ hour: 10, weekday: 1, timezone: 'Asia/Tokyo' });
  });

  it('falls back to UTC without a valid zone', () => {
    expect(localTime(undefined, now)).toEqual({ hour: 8, weekday: 1, timezone: 'UTC' });
    expect(localTime({ timezone: 'Mars/Olympus_Mons' }, now)).toEqual({ hour: 8, weekday: 1, timezone: 'UTC' });
    expect(localTime({ timezone: 'x'.repeat(5000) }, now)).toEqual({ hour: 8, weekday: 1, timezone: 'UTC' });
  });

  it('does not claim a zone it did not use', () => {
    expect(localTime({ hour: 14, weekday: 3, timezone: 'Not/AZone' }, now)).toEqual({ hour: 14, weekday: 3, timezone: '' });
  });

  it('reads midnight as hour 0', () => {
    expect(localTime({ timezone: 'UTC' }, new Date('2026-01-05T00:15:00Z')).hour).toBe(0);
  });
});
