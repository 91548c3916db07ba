import type { ContextDocument, ReferrerType } from '../protocol/index.ts';
import { Lru } from './lru.ts';
import { lookupHost } from './referrer-hosts.ts';

/** The `referrer` part of the context document. */
export type ReferrerInfo = ContextDocument['referrer'];

/** What else, besides the referrer host, tells where a visit came from. */
export interface ReferrerOptions {
  /** Host of the page being decided for; a referrer on it is internal. */
  pageHost?: string;
  utm?: { medium?: string; source?: string };
  /** Names of ad click-id parameters in the landing URL. */
  clickIds?: string[];
  /** The site's other hosts (from the rules file's origins); a referrer on one of them, or a subdomain, is internal. */
  siteHosts?: string[];
}

// Click ids that ad platforms add only to paid clicks, and whose platform they name.
// fbclid is missing on purpose: Meta adds it to every outbound link, paid or not.
const PAID_CLICK_IDS = new Map([
  ['gclid', 'google'],
  ['gbraid', 'google'],
  ['wbraid', 'google'],
  ['dclid', 'google'],
  ['msclkid', 'bing'],
  ['ttclid', 'tiktok'],
]);
const PAID_MEDIUMS = new Set(['cpc', 'ppc', 'cpm', 'cpv', 'cpa', 'paid', 'paidsearch', 'paid_search', 'paid-search', 'display', 'banner', 'retargeting', 'paid_social', 'paid-social', 'paidsocial']);
const EMAIL_MEDIUMS = new Set(['email', 'e-mail', 'e_mail', 'mail', 'newsletter']);
const SOCIAL_MEDIUMS = new Set(['social', 'social-network', 'social_network', 'social-media', 'social_media', 'sm']);

/**
 * A referrer as rules see it: its host (never the URL), its type and a short source name.
 *
 * Precedence, first that applies: an ad click id or a paid `utm_medium` → `paid`; an email
 * `utm_medium` → `email`; a social `utm_medium` → `social`; a referrer on the page's or the
 * site's hosts → `internal`; a host in the referrer database (Snowplow's, plus Matomo's AI
 * assistants) → its `search`/`social`/`email`/`paid`/`ai` type and source, or `other` with
 * the source for a host it knows the medium of nothing about; `fbclid` → `social`
 * (Facebook); no referrer → `direct`; anything else → `other`.
 *
 * @param host The referrer host the SDK sent (a URL is tolerated and reduced to its host).
 * @example classifyReferrer('www.google.co.uk', {}) // { host: 'www.google.co.uk', type: 'search', source: 'google' }
 */
export function classifyReferrer(host: string | undefined, opts: ReferrerOptions = {}): ReferrerInfo {
  const h = normalizeHost(host);
  const listed = h ? listedHost(h) : undefined;
  const medium = (opts.utm?.medium ?? '').trim().toLowerCase().slice(0, 64);
  const utmSource = (opts.utm?.source ?? '').trim().toLowerCase().slice(0, 64);
  // Most visits carry no click id: no arrays then.
  const ids = opts.clickIds?.length ? opts.clickIds.slice(0, 20).map((id) => String(id).toLowerCase()) : NO_IDS;
  const result = (type: ReferrerType, source: string): ReferrerInfo => ({ host: h, type, source });

  const adPlatform = ids === NO_IDS ? undefined : ids.map((id) => PAID_CLICK_IDS.get(id)).find((p) => p !== undefined);
  if (adPlatform || PAID_MEDIUMS.has(medium) || medium.startsWith('paid')) {
    return result('paid', utmSource || adPlatform || listed?.[1] || '');
  }
  if (EMAIL_MEDIUMS.has(medium)) return result('email', utmSource || (listed?.[0] === 'email' ? listed[1] : ''));
  if (SOCIAL_MEDIUMS.has(medium)) return result('social', utmSource || (listed?.[0] === 'social' ? listed[1] : ''));
  if (h && isInternal(h, opts)) return result('internal', '');
  if (listed) return result(listed[0], listed[1]);
  if (ids.includes('fbclid')) return result('social', 'facebook');
  if (!h) return result('direct', '');
  return result('other', h.startsWith('www.') ? h.slice(4) : h);
}

const NO_IDS: string[] = [];

// Referrers repeat (a few search engines and networks bring most visits): look each up once.
const listedCache = new Lru<string, readonly [ReferrerType, string] | null>(500);

function listedHost(host: string): readonly [ReferrerType, string] | undefined {
  let hit = listedCache.get(host);
  if (hit === undefined) {
    hit = lookupHost(host) ?? null;
    listedCache.set(host, hit);
  }
  return hit ?? undefined;
}

/** Lowercase host without port, trailing dot or userinfo; `''` when there is none. */
function normalizeHost(raw: string | undefined): string {
  if (typeof raw !== 'string') return '';
  let h = raw.trim().slice(0, 2048).toLowerCase();
  if (h.includes('/')) {
    // Someone sent a URL (or `android-app://pkg/`): keep only its host.
    try {
      h = new URL(h.includes('://') ? h : `https://${h}`).hostname;
    } catch {
      return '';
    }
  }
  // Most hosts are already bare: skip the three rewrites then (this runs on every decide).
  if (h.includes('@') || h.includes(':') || h.endsWith('.')) h = h.replace(/^.*@/, '').replace(/:\d*$/, '').replace(/\.$/, '');
  return h.length > 253 ? '' : h;
}

/** Whether `host` is the page's host or one of the site's hosts, or a subdomain of one, ignoring `www.`. */
function isInternal(host: string, opts: ReferrerOptions): boolean {
  const h = stripWww(host);
  if (opts.pageHost && sameSite(h, opts.pageHost)) return true;
  for (const site of opts.siteHosts ?? []) if (sameSite(h, site)) return true;
  return false;
}

// Page and site hosts repeat on every request (a site has few); remember their normal form.
const siteForms = new Lru<string, string>(100);

function sameSite(host: string, site: string): boolean {
  let s = siteForms.get(site);
  if (s === undefined) {
    s = stripWww(normalizeHost(site));
    siteForms.set(site, s);
  }
  return s !== '' && (host === s || (host.endsWith(s) && host.charCodeAt(host.length - s.length - 1) === 46)); // 46 = '.'
}

function stripWww(host: string): string {
  return host.startsWith('www.') ? host.slice(4) : host;
}
