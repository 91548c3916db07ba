import { describe, expect, it } from 'vitest';
import type { Signals } from '../protocol/index.ts';
import { MAX_KEYS, MAX_TAGS, deriveContext } from './derive.ts';
import { MAX_STRING } from './bounds.ts';

const now = new Date('2026-01-05T08:30:00Z'); // a Monday
const DAY = 86_400_000;
const granted = { personalization: true, analytics: true };
const denied = { personalization: false, analytics: false };

const stored: Signals = {
  visitor: { sessions: 3, firstSeen: now.getTime() - 10.5 * DAY },
  views: [{ id: 'sku-1', tags: ['ski'], at: now.getTime() - 1000 }],
  interests: { ski: 2.5 },
  conversions: { 'add-to-cart': 1 },
};

describe('deriveContext', () => {
  it('fills every field with a typed default from empty signals', () => {
    const ctx = deriveContext({}, {}, denied, now);
    expect(ctx).toEqual({
      page: { path: '', title: '', type: 'page' },
      referrer: { host: '', type: 'direct', source: '' },
      utm: { source: '', medium: '', campaign: '', term: '', content: '' },
      device: { type: 'desktop', os: 'other', browser: 'other', touch: false, viewport: { width: 0, height: 0 }, saveData: false, language: '' },
      time: { hour: 8, weekday: 1, daypart: 'morning', timezone: 'UTC' },
      geo: { country: '', region: '' },
      session: { pageviews: 0, landing: '', isNew: false },
      visitor: { sessions: 0, returning: false, daysSinceFirst: 0 },
      views: [],
      interests: {},
      conversions: {},
      consent: { personalization: false, analytics: false },
    });
  });

  it('derives a full document from real-looking signals', () => {
    const ctx = deriveContext(
      {
        page: { path: '/', title: 'Shop' },
        referrer: 'www.google.co.uk',
        utm: { term: 'ski boots' },
        ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
        touch: true,
        viewport: { width: 390, height: 844 },
        language: 'de-ch',
        time: { hour: 19, weekday: 5, timezone: 'Europe/Zurich' },
        session: { pageviews: 2, landing: '/ski', isNew: true },
        ...stored,
      },
      { country: 'CH', region: 'Zurich' },
      granted,
      now,
    );
    expect(ctx).toMatchObject({
      page: { path: '/', title: 'Shop', type: 'home' },
      referrer: { host: 'www.google.co.uk', type: 'search', source: 'google' },
      utm: { term: 'ski boots', source: '' },
      device: { type: 'mobile', os: 'ios', browser: 'safari', touch: true, viewport: { width: 390, height: 844 }, language: 'de-CH' },
      time: { hour: 19, weekday: 5, daypart: 'evening', timezone: 'Europe/Zurich' },
      geo: { country: 'CH', region: 'Zurich' },
      session: { pageviews: 2, landing: '/ski', isNew: true },
      visitor: { sessions: 3, returning: true, daysSinceFirst: 10 },
      views: stored.views,
      interests: { ski: 2.5 },
      conversions: { 'add-to-cart': 1 },
    });
  });

  it('keeps the page type the SDK sent', () => {
    expect(deriveContext({ page: { path: '/p/1', type: 'product' } }, {}, denied, now).page.type).toBe('product');
    expect(deriveContext({ page: { path: '/p/1' } }, {}, denied, now).page.type).toBe('page');
  });

  describe('consent', () => {
    it('empties stored behaviour without personalization consent, whatever the SDK sent', () => {
      const ctx = deriveContext(stored, {}, { personalization: false, analytics: true }, now);
      expect(ctx.visitor).toEqual({ sessions: 0, returning: false, daysSinceFirst: 0 });
      expect(ctx.views).toEqual([]);
      expect(ctx.interests).toEqual({});
      expect(ctx.conversions).toEqual({});
      expect(ctx.consent).toEqual({ personalization: false, analytics: true });
    });

    it('keeps context-only fields without consent', () => {
      const ctx = deriveContext({ referrer: 'm.facebook.com', session: { pageviews: 4 } }, { country: 'FR' }, denied, now);
      expect(ctx.referrer.type).toBe('social');
      expect(ctx.session.pageviews).toBe(4);
      expect(ctx.geo.country).toBe('FR');
    });
  });

  it('cuts every string to its bound before rules see it', () => {
    const long = 'a'.repeat(10_000);
    const ctx = deriveContext(
      { page: { path: `/${long}`, title: long }, utm: { term: long, campaign: long }, session: { landing: long }, views: [{ id: long, tags: [long], at: 1 }] },
      { region: long },
      granted,
      now,
    );
    expect(ctx.page.path).toHaveLength(MAX_STRING);
    expect(ctx.page.title).toHaveLength(MAX_STRING);
    expect(ctx.utm.term).toHaveLength(MAX_STRING);
    expect(ctx.session.landing).toHaveLength(MAX_STRING);
    expect(ctx.geo.region.length).toBeLessThanOrEqual(64);
    expect(ctx.views[0]!.id).toHaveLength(MAX_STRING);
    expect(ctx.views[0]!.tags[0]!.length).toBeLessThanOrEqual(64);
  });

  it('does not split a surrogate pair when cutting', () => {
    const title = 'a'.repeat(MAX_STRING - 1) + '😀';
    expect(deriveContext({ page: { title } }, {}, denied, now).page.title).toBe('a'.repeat(MAX_STRING - 1));
  });

  it('clamps numbers', () => {
    const ctx = deriveContext(
      { time: { hour: 40, weekday: 9 }, viewport: { width: 1e7, height: -1 }, session: { pageviews: -3 }, visitor: { sessions: 2.7, firstSeen: now.getTime() + 5 * DAY } },
      {},
      granted,
      now,
    );
    expect(ctx.time).toMatchObject({ hour: 23, weekday: 6, daypart: 'night' });
    expect(ctx.device.viewport).toEqual({ width: 20000, height: 0 });
    expect(ctx.session.pageviews).toBe(0);
    expect(ctx.visitor).toEqual({ sessions: 2, returning: true, daysSinceFirst: 0 });
  });

  it('treats a first visit as not returning', () => {
    expect(deriveContext({ visitor: { sessions: 1, firstSeen: now.getTime() } }, {}, granted, now).visitor).toEqual({ sessions: 1, returning: false, daysSinceFirst: 0 });
  });

  it('keeps the newest views (newest last) and bounds their tags', () => {
    const views = Array.from({ length: 80 }, (_, i) => ({ id: `c${i}`, tags: Array.from({ length: 40 }, (_, t) => `t${t}`), at: i }));
    const ctx = deriveContext({ views }, {}, granted, now);
    expect(ctx.views).toHaveLength(50);
    expect(ctx.views[0]!.id).toBe('c30');
    expect(ctx.views.at(-1)!.id).toBe('c79');
    expect(ctx.views[0]!.tags).toHaveLength(MAX_TAGS);
    expect(deriveContext({ views }, {}, granted, now, { maxViews: 5 }).views.map((v) => v.id)).toEqual(['c75', 'c76', 'c77', 'c78', 'c79']);
  });

  it('bounds interests and conversions in key count and gives them no prototype', () => {
    const many = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i]));
    const ctx = deriveContext({ interests: many, conversions: { buy: 2.5, bad: -4 } }, {}, granted, now);
    expect(Object.keys(ctx.interests)).toHaveLength(MAX_KEYS);
    expect(ctx.conversions).toEqual({ buy: 2, bad: 0 });
    expect(Object.getPrototypeOf(ctx.interests)).toBeNull();
    expect((ctx.interests as Record<string, unknown>)['constructor']).toBeUndefined();
  });

  it('marks a referrer on the page host as internal', () => {
    expect(deriveContext({ referrer: 'shop.example' }, {}, denied, now, { pageHost: 'shop.example' }).referrer.type).toBe('internal');
    expect(deriveContext({ referrer: 'blog.shop.example' }, {}, denied, now, { siteHosts: ['shop.example'] }).referrer.type).toBe('internal');
  });

  it('classifies a paid landing from click ids', () => {
    expect(deriveContext({ referrer: 'www.google.com', clickIds: ['gclid'] }, {}, denied, now).referrer).toEqual({ host: 'www.google.com', type: 'paid', source: 'google' });
  });
});
