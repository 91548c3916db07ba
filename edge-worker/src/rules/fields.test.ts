import { describe, expect, it } from 'vitest';
import { DAYPARTS, DEVICE_TYPES, fieldKind, impossibleValue, isKnownField, nearestField, REFERRER_TYPES } from './fields.ts';
import { editDistance, nearest } from './nearest.ts';

describe('isKnownField', () => {
  it.each([
    'page.path', 'page.title', 'page.type', 'referrer.host', 'referrer.type', 'referrer.source',
    'utm.source', 'utm.medium', 'utm.campaign', 'utm.term', 'utm.content',
    'device.type', 'device.os', 'device.browser', 'device.touch', 'device.viewport.width', 'device.viewport.height',
    'device.saveData', 'device.language', 'time.hour', 'time.weekday', 'time.daypart', 'time.timezone',
    'geo.country', 'geo.region', 'session.pageviews', 'session.landing', 'session.isNew',
    'visitor.sessions', 'visitor.returning', 'visitor.daysSinceFirst', 'views', 'views.0', 'views.3.id',
    'views.0.tags', 'views.0.tags.1', 'views.2.at', 'interests', 'interests.ski', 'conversions.add-to-cart',
    'consent.personalization', 'consent.analytics', '$groups', 'device', 'device.viewport',
  ])('knows %s', (path) => {
    expect(isKnownField(path)).toBe(true);
  });

  it.each(['page.url', 'device.typ', 'interests.', 'interests.a.b', 'views.x', 'views.01', 'views.0.title', 'foo', ''])(
    'does not know %s',
    (path) => {
      expect(isKnownField(path)).toBe(false);
    },
  );

  it('tells the kind of a field', () => {
    expect(fieldKind('time.hour')).toBe('number');
    expect(fieldKind('interests.ski')).toBe('number');
    expect(fieldKind('views')).toBe('list');
    expect(fieldKind('device.viewport')).toBe('object');
    expect(fieldKind('consent.analytics')).toBe('boolean');
  });
});

describe('nearestField', () => {
  it.each([
    ['device.typ', 'device.type'],
    ['Device.Type', 'device.type'],
    ['referer.type', 'referrer.type'],
    ['utm.campain', 'utm.campaign'],
    ['interest.ski', 'interests.ski'],
    ['conversion.add-to-cart', 'conversions.add-to-cart'],
    ['view.0.id', 'views.0.id'],
    ['time.daypar', 'time.daypart'],
  ])('suggests %s → %s', (typo, expected) => {
    expect(nearestField(typo)).toBe(expected);
  });

  it('suggests nothing when no field is close', () => {
    expect(nearestField('weather.temperature')).toBeUndefined();
  });
});

describe('nearest', () => {
  it('measures typos, counting a swap of neighbours as one edit', () => {
    expect(editDistance('varients', 'variants')).toBe(1);
    expect(editDistance('wehn', 'when')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('only suggests a plausible typo', () => {
    expect(nearest('$regx', ['$regex', '$in'])).toBe('$regex');
    expect(nearest('$zzz', ['$regex', '$in'])).toBeUndefined();
  });
});

describe('enumerations and impossible values', () => {
  it('lists the values the context derives', () => {
    expect(DEVICE_TYPES).toEqual(['mobile', 'tablet', 'desktop', 'tv', 'bot']);
    expect(REFERRER_TYPES).toEqual(['search', 'social', 'email', 'paid', 'ai', 'internal', 'direct', 'other']);
    expect(DAYPARTS).toEqual(['morning', 'afternoon', 'evening', 'night']);
  });

  it('says why a comparison can never match', () => {
    expect(impossibleValue('device.type', 'phone')).toBe(
      'device.type is compared with "phone", which it never is: one of mobile, tablet, desktop, tv, bot',
    );
    expect(impossibleValue('device.type', 5)).toMatch(/never is: one of mobile, tablet, desktop, tv, bot/);
    expect(impossibleValue('time.hour', 24)).toBe('time.hour is compared with 24, which it never is: a whole number from 0 to 23');
    expect(impossibleValue('time.hour', '09')).toMatch(/a whole number from 0 to 23/);
    expect(impossibleValue('device.touch', 'yes')).toBe('device.touch is compared with "yes", which it never is: true or false');
    expect(impossibleValue('device.touch', 2)).toMatch(/true or false/);
    expect(impossibleValue('session.pageviews', 'many')).toBe('session.pageviews is compared with "many", which it never is: a number');
  });

  it('follows GrowthBook: a plain value converts the field first, $eq and $in do not', () => {
    expect(impossibleValue('time.hour', '9')).toBeNull(); // 9 + "" === "9"
    expect(impossibleValue('device.touch', 'true')).toBeNull();
    expect(impossibleValue('device.touch', 1)).toBeNull(); // true * 1 === 1
    expect(impossibleValue('page.path', 5)).toBeNull();
    expect(impossibleValue('time.hour', '9', '$eq')).toBe('time.hour is a number, but "9" is a string and $eq does not convert, so it never matches');
    expect(impossibleValue('device.type', 'phone', '$in')).toMatch(/never is: one of mobile/);
    expect(impossibleValue('time.hour', 9, '$eq')).toBeNull();
  });

  it('accepts comparisons that can match', () => {
    expect(impossibleValue('device.type', 'mobile')).toBeNull();
    expect(impossibleValue('time.weekday', 0)).toBeNull();
    expect(impossibleValue('page.path', '/ski')).toBeNull();
    expect(impossibleValue('visitor.sessions', null)).toBeNull();
    expect(impossibleValue('interests', 'x')).toBeNull();
  });
});
