import { describe, expect, it } from 'vitest';
import { classifyReferrer } from './referrer.ts';

describe('classifyReferrer', () => {
  it.each([
    ['www.google.com', 'search', 'google'],
    ['www.google.co.uk', 'search', 'google'],
    ['google.de', 'search', 'google'],
    ['www.google.com.br', 'search', 'google'],
    ['www.bing.com', 'search', 'bing'],
    ['cn.bing.com', 'search', 'bing'],
    ['duckduckgo.com', 'search', 'duckduckgo'],
    ['search.yahoo.com', 'search', 'yahoo'],
    ['search.yahoo.co.jp', 'search', 'yahoo'],
    ['yandex.ru', 'search', 'yandex'],
    ['yandex.com.tr', 'search', 'yandex'],
    ['www.ecosia.org', 'search', 'ecosia'],
    ['search.brave.com', 'search', 'brave'],
    ['m.search.naver.com', 'search', 'naver'],
    ['search.seznam.cz', 'search', 'seznam'],
    ['www.baidu.com', 'search', 'baidu'],
    ['m.facebook.com', 'social', 'facebook'],
    ['l.facebook.com', 'social', 'facebook'],
    ['l.instagram.com', 'social', 'instagram'],
    ['t.co', 'social', 'twitter'],
    ['lnkd.in', 'social', 'linkedin'],
    ['www.linkedin.com', 'social', 'linkedin'],
    ['www.pinterest.co.uk', 'social', 'pinterest'],
    ['old.reddit.com', 'social', 'reddit'],
    ['www.tiktok.com', 'social', 'tiktok'],
    ['m.youtube.com', 'social', 'youtube'],
    ['www.threads.net', 'social', 'threads'],
    ['mail.google.com', 'email', 'gmail'],
    ['outlook.live.com', 'email', 'outlook.com'],
    ['uk.mail.yahoo.com', 'email', 'yahoo-mail'],
    ['com.google.android.gm', 'email', 'gmail'],
    // Webmail under a search engine's domain is email, not search.
    ['mail.yahoo.co.jp', 'email', 'yahoo-mail'],
    ['mail.yandex.ru', 'email', 'yandex'],
    ['mail.naver.com', 'email', 'naver-mail'],
    ['e.mail.ru', 'email', 'mail.ru'],
    ['www.googleadservices.com', 'paid', 'google'],
    ['trc.taboola.com', 'paid', 'taboola'],
    ['chatgpt.com', 'ai', 'chatgpt'],
    ['chat.openai.com', 'ai', 'chatgpt'],
    ['www.perplexity.ai', 'ai', 'perplexity'],
    ['gemini.google.com', 'ai', 'gemini'],
    ['copilot.microsoft.com', 'ai', 'copilot'],
    ['claude.ai', 'ai', 'claude'],
    // Known to the database, medium unknown: not search although under google.com.
    ['maps.google.com', 'other', 'google'],
  ])('lists %s as %s (%s)', (host, type, source) => {
    expect(classifyReferrer(host, {})).toEqual({ host, type, source });
  });

  it('does not take look-alike hosts for listed ones', () => {
    expect(classifyReferrer('google.evil.example', {}).type).toBe('other');
    expect(classifyReferrer('notfacebook.com', {}).type).toBe('other');
    expect(classifyReferrer('facebook.com.evil.io', {}).type).toBe('other');
  });

  it('is direct without a referrer and other for unlisted hosts', () => {
    expect(classifyReferrer(undefined, {})).toEqual({ host: '', type: 'direct', source: '' });
    expect(classifyReferrer('', {})).toEqual({ host: '', type: 'direct', source: '' });
    expect(classifyReferrer('www.skiblog.example', {})).toEqual({ host: 'www.skiblog.example', type: 'other', source: 'skiblog.example' });
  });

  it('normalises case, port, trailing dot and stray URLs to a host', () => {
    expect(classifyReferrer('WWW.Google.COM.', {}).host).toBe('www.google.com');
    expect(classifyReferrer('www.google.com:443', {}).type).toBe('search');
    expect(classifyReferrer('https://www.google.com/search?q=ski', {})).toEqual({ host: 'www.google.com', type: 'search', source: 'google' });
    expect(classifyReferrer('android-app://com.google.android.gm/', {}).type).toBe('email');
  });

  describe('paid', () => {
    it.each(['gclid', 'gbraid', 'wbraid', 'dclid', 'msclkid', 'GCLID'])('click id %s makes any visit paid', (id) => {
      expect(classifyReferrer('www.google.com', { clickIds: [id] }).type).toBe('paid');
      expect(classifyReferrer(undefined, { clickIds: [id] }).type).toBe('paid');
    });

    it('names the ad platform from the click id when no utm_source says otherwise', () => {
      expect(classifyReferrer(undefined, { clickIds: ['msclkid'] }).source).toBe('bing');
      expect(classifyReferrer(undefined, { clickIds: ['gclid'], utm: { source: 'AdWords' } }).source).toBe('adwords');
    });

    it.each(['cpc', 'PPC', 'paid', 'paidsearch', 'paid_social', 'display'])('utm_medium=%s is paid', (medium) => {
      expect(classifyReferrer('m.facebook.com', { utm: { medium, source: 'facebook' } })).toEqual({ host: 'm.facebook.com', type: 'paid', source: 'facebook' });
    });

    it('wins over email, internal and listed hosts', () => {
      expect(classifyReferrer('shop.example', { pageHost: 'shop.example', clickIds: ['gclid'] }).type).toBe('paid');
      expect(classifyReferrer('mail.google.com', { utm: { medium: 'cpc' } }).type).toBe('paid');
    });
  });

  it('fbclid alone is social (Meta adds it to every outbound link), with a paid medium it is paid', () => {
    expect(classifyReferrer(undefined, { clickIds: ['fbclid'] })).toEqual({ host: '', type: 'social', source: 'facebook' });
    expect(classifyReferrer('l.instagram.com', { clickIds: ['fbclid'] }).source).toBe('instagram');
    expect(classifyReferrer(undefined, { clickIds: ['fbclid'], utm: { medium: 'paid_social' } }).type).toBe('paid');
  });

  it('utm_medium email/newsletter is email, named by utm_source', () => {
    expect(classifyReferrer(undefined, { utm: { medium: 'email', source: 'Spring-Newsletter' } })).toEqual({ host: '', type: 'email', source: 'spring-newsletter' });
    expect(classifyReferrer('mail.google.com', { utm: { medium: 'Newsletter' } }).source).toBe('gmail');
    expect(classifyReferrer('shop.example', { pageHost: 'shop.example', utm: { medium: 'email' } }).type).toBe('email');
  });

  it('utm_medium social is social', () => {
    expect(classifyReferrer(undefined, { utm: { medium: 'social', source: 'mastodon' } })).toEqual({ host: '', type: 'social', source: 'mastodon' });
  });

  describe('internal', () => {
    it('is the page host, ignoring www.', () => {
      expect(classifyReferrer('shop.example', { pageHost: 'shop.example' })).toEqual({ host: 'shop.example', type: 'internal', source: '' });
      expect(classifyReferrer('www.shop.example', { pageHost: 'shop.example' }).type).toBe('internal');
    });

    it('is any listed site host (origins are accepted) or its subdomains', () => {
      const siteHosts = ['https://shop.example', 'help.example'];
      expect(classifyReferrer('help.example', { siteHosts }).type).toBe('internal');
      expect(classifyReferrer('blog.shop.example', { siteHosts }).type).toBe('internal');
      expect(classifyReferrer('othershop.example', { siteHosts }).type).toBe('other');
    });

    it('beats the host list (a site on a listed domain links to itself)', () => {
      expect(classifyReferrer('www.google.com', { pageHost: 'www.google.com' }).type).toBe('internal');
    });
  });
});
