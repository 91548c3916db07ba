import { describe, expect, it } from 'vitest';
import { parseDecideRequest } from './decide-request.ts';
import { ApiError } from './errors.ts';
import { MAX_KEYS, MAX_VIEWS } from '../protocol/limits.ts';

const valid = () => ({
  site: 'shop',
  slots: ['hero', 'promo'],
  visitor: 'v-1',
  consent: { personalization: true, analytics: false },
  signals: {
    page: { path: '/', title: 'Home', type: 'home' },
    referrer: 'www.google.com',
    utm: { source: 'google', term: 'ski' },
    clickIds: ['gclid'],
    ua: 'Mozilla/5.0',
    uaData: { mobile: false, platform: 'Windows', brands: [{ brand: 'Google Chrome', version: '126' }] },
    touch: false,
    viewport: { width: 1280, height: 800 },
    saveData: false,
    language: 'en-US',
    time: { hour: 9, weekday: 1, timezone: 'Europe/Zurich' },
    session: { pageviews: 1, landing: '/', isNew: true },
    visitor: { sessions: 2, firstSeen: 1_700_000_000_000 },
    views: [{ id: 'sku-1', tags: ['ski'], at: 1_700_000_000_000 }],
    interests: { ski: 1.5 },
    conversions: { buy: 1 },
    exposures: { visitor: { 'hero/ski': 2 }, session: { 'hero/ski': 1 } },
  },
  preview: { hero: 'ski-hero' },
  debug: true,
});

function refused(value: unknown): ApiError {
  try {
    parseDecideRequest(value);
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return err as ApiError;
  }
  throw new Error('expected the request to be refused');
}

describe('parseDecideRequest', () => {
  it('accepts a full request and returns it typed', () => {
    expect(parseDecideRequest(valid())).toEqual(valid());
  });

  it('accepts the minimum: every signal is optional', () => {
    const min = { site: 's', slots: ['hero'], visitor: 'v', consent: { personalization: false, analytics: false }, signals: {} };
    expect(parseDecideRequest(min)).toEqual(min);
  });

  it('drops unknown keys inside signals (a newer SDK may send more)', () => {
    const req = valid();
    const out = parseDecideRequest({ ...req, signals: { ...req.signals, battery: 0.5 } });
    expect(out.signals).not.toHaveProperty('battery');
  });

  it('refuses a body that is not an object with 400', () => {
    expect(refused([1, 2])).toMatchObject({ status: 400, code: 'invalid_request', message: 'the request body must be a JSON object, got an array' });
    expect(refused('hi')).toMatchObject({ status: 400, message: expect.stringContaining('got "hi"') });
    expect(refused(null)).toMatchObject({ status: 400 });
  });

  it('names the field, the rule and the value', () => {
    const req = valid();
    const err = refused({ ...req, signals: { ...req.signals, time: { hour: 'nine' } } });
    expect(err).toMatchObject({ status: 422, code: 'invalid_request', path: '$.signals.time.hour' });
    expect(err.message).toBe('signals.time.hour must be a number between 0 and 23, got "nine"');
    expect(refused({ ...req, signals: { ...req.signals, time: { hour: 24 } } }).message).toBe('signals.time.hour must be a number between 0 and 23, got 24');
  });

  it('refuses unknown top-level keys (typos) by name', () => {
    const err = refused({ ...valid(), slot: ['hero'] });
    expect(err).toMatchObject({ status: 422, path: '$.slot' });
    expect(err.message).toMatch(/^slot is not a known field \(expected one of site, slots, visitor/);
  });

  it('reports missing required fields', () => {
    const { visitor: _v, consent: _c, ...rest } = valid();
    const err = refused(rest);
    expect(err.message).toContain('visitor is required');
    expect(err.message).toContain('consent is required');
  });

  it('lists the first few problems and counts the rest', () => {
    const err = refused({ site: 1, slots: 'hero', visitor: 2, consent: 'yes', signals: [] });
    expect(err.message.split('; ')).toHaveLength(3);
    expect(err.message).toMatch(/^site must be a string of 1 to 64 characters, got 1; slots must be an array of slot ids, got "hero"; visitor .*\(and 2 more\)$/);
  });

  describe('slots', () => {
    it.each([
      [[], 'slots must name at least one slot'],
      [Array.from({ length: 51 }, (_, i) => `s${i}`), 'slots must name at most 50 slots'],
      [['hero', 'hero'], 'slots must not repeat a slot id ("hero" appears twice)'],
      [['hero', ''], 'slots[1] must be a string of 1 to 64 characters, got ""'],
      [['x'.repeat(65)], 'slots[0] must be a string of 1 to 64 characters'],
      [['hero', 7], 'slots[1] must be a string of 1 to 64 characters, got 7'],
    ])('refuses %j', (slots, message) => {
      expect(refused({ ...valid(), slots }).message).toContain(message);
    });
  });

  it.each([
    ['consent.personalization', { consent: { personalization: 'yes', analytics: true } }, 'must be true or false, got "yes"'],
    ['visitor', { visitor: 'v'.repeat(129) }, 'must be a string of 1 to 128 characters, got a string of 129 characters'],
    ['signals', { signals: [] }, 'must be an object, got an array'],
    ['site', { site: '' }, 'must be a string of 1 to 64 characters, got ""'],
    ['debug', { debug: 1 }, 'must be true or false, got 1'],
    ['preview.hero', { preview: { hero: 3 } }, 'must be a string of 1 to 64 characters, got 3'],
  ])('checks %s', (field, patch, message) => {
    const err = refused({ ...valid(), ...patch });
    expect(err.message).toBe(`${field} ${message}`);
  });

  it.each([
    ['signals.viewport.width', { viewport: { width: -1 } }, 'must be a number of at least 0, got -1'],
    ['signals.time.weekday', { time: { weekday: 7 } }, 'must be a number between 0 and 6, got 7'],
    ['signals.uaData.brands[0].brand', { uaData: { brands: [{ brand: 1, version: '1' }] } }, 'must be a string of at most 128 characters, got 1'],
    ['signals.views[0].id', { views: [{ id: '', tags: [], at: 1 }] }, 'must be a string of 1 to 256 characters, got ""'],
    ['signals.views[0].tags', { views: [{ id: 'a', tags: 'ski', at: 1 }] }, 'must be an array, got "ski"'],
    ['signals.interests.ski', { interests: { ski: 'lots' } }, 'must be a number of at least 0, got "lots"'],
    ['signals.touch', { touch: 'true' }, 'must be true or false, got "true"'],
    ['signals.page', { page: 'home' }, 'must be an object, got "home"'],
    ['signals.time', { time: [9] }, 'must be an object, got an array'],
    ['signals.conversions', { conversions: [1] }, 'must be an object of numbers, got an array'],
    ['signals.clickIds', { clickIds: Array.from({ length: 21 }, () => 'gclid') }, 'must hold at most 20 items, got an array'],
  ])('type-checks %s', (field, signals, message) => {
    const err = refused({ ...valid(), signals });
    expect(err.message).toBe(`${field} ${message}`);
    expect(err.path).toBe(`$.${field}`);
  });

  it('bounds the key count of records', () => {
    const interests = Object.fromEntries(Array.from({ length: MAX_KEYS + 1 }, (_, i) => [`k${i}`, 1]));
    expect(refused({ ...valid(), signals: { interests } }).message).toBe(`signals.interests must hold at most ${MAX_KEYS} keys, got an object`);
  });

  it('keeps client keys as data: a "__proto__" preview or interest key is a plain entry', () => {
    const body = JSON.parse('{"site":"s","slots":["hero"],"visitor":"v","consent":{"personalization":true,"analytics":true},"signals":{"interests":{"__proto__":1}},"preview":{"__proto__":"x"}}');
    const req = parseDecideRequest(body);
    expect(Object.keys(req.preview!)).toEqual(['__proto__']);
    expect(req.signals.interests!['__proto__']).toBe(1);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('refuses what the SDK never sends: more views than protocol/limits.ts allows', () => {
    const views = Array.from({ length: MAX_VIEWS + 1 }, (_, i) => ({ id: `p${i}`, tags: [], at: 1 }));
    expect(refused({ ...valid(), signals: { views } }).message).toBe(`signals.views must hold at most ${MAX_VIEWS} items, got an array`);
  });

  it('quotes odd keys in paths', () => {
    expect(refused({ ...valid(), preview: { 'my slot': 1 } }).path).toBe('$.preview["my slot"]');
  });
});
