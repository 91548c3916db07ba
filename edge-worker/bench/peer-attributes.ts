import type { DecideRequest } from '../src/protocol/index.ts';

const SEARCH = /(?:^|\.)(google|bing|duckduckgo|yahoo|ecosia|baidu|yandex|qwant|startpage)\./;
const SOCIAL = /(?:^|\.)(facebook|instagram|linkedin|pinterest|reddit|tiktok|youtube|twitter|x|t)\./;
const PAID = /^(?:cpc|ppc|cpm|paid.*|display|retargeting)$/;

function referrerOf(host: string, medium: string, source: string): { type: string; source: string } {
  if (PAID.test(medium)) return { type: 'paid', source };
  if (medium === 'email' || medium === 'newsletter') return { type: 'email', source };
  if (medium === 'social') return { type: 'social', source };
  let m = SEARCH.exec(host);
  if (m) return { type: 'search', source: m[1]! };
  m = SOCIAL.exec(host);
  if (m) return { type: 'social', source: m[1]! };
  return { type: host ? 'other' : 'direct', source: '' };
}

function daypart(hour: number): string {
  return hour >= 5 && hour <= 11 ? 'morning' : hour >= 12 && hour <= 16 ? 'afternoon' : hour >= 17 && hour <= 21 ? 'evening' : 'night';
}

/**
 * GrowthBook attributes from a decide body, written the way GrowthBook's edge app builds
 * its own (`getAutoAttributes` in @growthbook/edge-utils: regexes over the user agent, the
 * country from the request): only what the demo's rules read, under the same dot paths,
 * without bounds or validation. Light on purpose: the peer is not charged for the
 * context Kairos derives beyond the rules' needs.
 */
export function attributesOf(body: DecideRequest, headers: Headers): Record<string, unknown> {
  const s = body.signals ?? {};
  const ua = s.ua ?? '';
  const utm = s.utm ?? {};
  const stored = body.consent?.personalization === true;
  return {
    id: body.visitor,
    page: { path: s.page?.path ?? '' },
    utm,
    referrer: referrerOf(s.referrer ?? '', utm.medium ?? '', utm.source ?? ''),
    device: { type: /iPad|Tablet/.test(ua) ? 'tablet' : /Mobi/.test(ua) ? 'mobile' : 'desktop' },
    time: { hour: s.time?.hour ?? 0, daypart: daypart(s.time?.hour ?? 0) },
    geo: { country: (headers.get('cf-ipcountry') ?? '').toUpperCase() },
    visitor: { returning: stored && (s.visitor?.sessions ?? 0) > 1 },
    ...(stored ? { views: s.views ?? [], interests: s.interests ?? {}, conversions: s.conversions ?? {} } : {}),
    exposures: s.exposures ?? {},
  };
}

const TOKEN = /\{\{\s*([\w$.-]{1,100})\s*\}\}/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe to place in HTML. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);

/** Fills `{{dot.path}}` tokens from the attributes, HTML-escaped (what Kairos does in its text nodes). */
export function fillTokens(html: string, attributes: Record<string, unknown>): string {
  if (!html.includes('{{')) return html;
  return html.replace(TOKEN, (_, path: string) => {
    let v: unknown = attributes;
    for (const key of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
    return typeof v === 'string' || typeof v === 'number' ? escapeHtml(String(v)) : '';
  });
}
