import type { ReferrerType } from '../protocol/index.ts';

/**
 * The maintained list of well-known referrer hosts. A key matches the host and any
 * subdomain of it (`facebook.com` covers `m.facebook.com`, `l.facebook.com`); a key
 * ending in `.*` matches that name under any country TLD (`google.*` covers
 * `google.de`, `www.google.co.uk`, `google.com.br`). The most specific key wins, so
 * `mail.google.com` (email) beats `google.*` (search).
 *
 * To add a site: one line, `host: [type, 'short source name']`.
 */
export const REFERRER_HOSTS: ReadonlyMap<string, readonly [ReferrerType, string]> = new Map<string, readonly [ReferrerType, string]>([
  // Search engines
  ['google.*', ['search', 'google']],
  ['com.google.android.googlequicksearchbox', ['search', 'google']], // Android app referrer
  ['bing.*', ['search', 'bing']],
  ['duckduckgo.com', ['search', 'duckduckgo']],
  ['yahoo.*', ['search', 'yahoo']],
  ['baidu.com', ['search', 'baidu']],
  ['yandex.*', ['search', 'yandex']],
  ['ya.ru', ['search', 'yandex']],
  ['ecosia.org', ['search', 'ecosia']],
  ['qwant.com', ['search', 'qwant']],
  ['startpage.com', ['search', 'startpage']],
  ['search.brave.com', ['search', 'brave']],
  ['naver.com', ['search', 'naver']],
  ['seznam.cz', ['search', 'seznam']],
  ['ask.com', ['search', 'ask']],
  ['search.aol.com', ['search', 'aol']],
  ['sogou.com', ['search', 'sogou']],
  ['daum.net', ['search', 'daum']],
  ['kagi.com', ['search', 'kagi']],
  // Social networks
  ['facebook.com', ['social', 'facebook']],
  ['fb.com', ['social', 'facebook']],
  ['fb.me', ['social', 'facebook']],
  ['messenger.com', ['social', 'facebook']],
  ['m.me', ['social', 'facebook']],
  ['instagram.com', ['social', 'instagram']],
  ['threads.net', ['social', 'threads']],
  ['threads.com', ['social', 'threads']],
  ['t.co', ['social', 'twitter']],
  ['twitter.com', ['social', 'twitter']],
  ['x.com', ['social', 'twitter']],
  ['linkedin.com', ['social', 'linkedin']],
  ['lnkd.in', ['social', 'linkedin']],
  ['pinterest.*', ['social', 'pinterest']],
  ['pin.it', ['social', 'pinterest']],
  ['reddit.com', ['social', 'reddit']],
  ['tiktok.com', ['social', 'tiktok']],
  ['youtube.com', ['social', 'youtube']],
  ['youtu.be', ['social', 'youtube']],
  ['snapchat.com', ['social', 'snapchat']],
  ['whatsapp.com', ['social', 'whatsapp']],
  ['wa.me', ['social', 'whatsapp']],
  ['telegram.org', ['social', 'telegram']],
  ['t.me', ['social', 'telegram']],
  ['vk.com', ['social', 'vk']],
  ['bsky.app', ['social', 'bluesky']],
  ['mastodon.social', ['social', 'mastodon']],
  ['tumblr.com', ['social', 'tumblr']],
  ['quora.com', ['social', 'quora']],
  ['news.ycombinator.com', ['social', 'hackernews']],
  // Webmail (a click in a mail that carried no utm tags)
  ['mail.google.com', ['email', 'gmail']],
  ['inbox.google.com', ['email', 'gmail']],
  ['com.google.android.gm', ['email', 'gmail']], // Gmail app on Android
  ['outlook.live.com', ['email', 'outlook']],
  ['outlook.office.com', ['email', 'outlook']],
  ['outlook.office365.com', ['email', 'outlook']],
  ['mail.yahoo.com', ['email', 'yahoo']],
  ['mail.yahoo.co.jp', ['email', 'yahoo']],
  ['mail.aol.com', ['email', 'aol']],
  ['mail.proton.me', ['email', 'proton']],
  ['mail.zoho.com', ['email', 'zoho']],
  ['mail.yandex.ru', ['email', 'yandex']],
  ['mail.yandex.com', ['email', 'yandex']],
]);

// Second-level labels under which a country TLD sits (`google.co.uk`, `google.com.au`).
const COUNTRY_SLDS = new Set(['co', 'com', 'net', 'org', 'ac', 'gov', 'edu', 'ne', 'or', 'go', 'gob', 'gouv']);

/** Whether `labels` (what follows a `name.*` key) look like a (country) TLD: `de`, `com`, `co.uk`. */
function isTldTail(labels: string[], from: number): boolean {
  const n = labels.length - from;
  if (n === 1) return true;
  return n === 2 && COUNTRY_SLDS.has(labels[from]!) && labels[from + 1]!.length === 2;
}

/**
 * The list entry for a lowercase host, trying the host then each parent domain
 * (most specific first): one Map lookup per label, no regex.
 */
export function lookupHost(host: string): readonly [ReferrerType, string] | undefined {
  const labels = host.split('.');
  for (let i = 0; i < labels.length; i++) {
    const exact = REFERRER_HOSTS.get(i === 0 ? host : labels.slice(i).join('.'));
    if (exact) return exact;
    if (i < labels.length - 1 && isTldTail(labels, i + 1)) {
      const wild = REFERRER_HOSTS.get(`${labels[i]}.*`);
      if (wild) return wild;
    }
  }
  return undefined;
}
