import type { DecideRequest, Signals } from '../protocol/index.ts';
import { validZone } from './dev-headers.ts';

/** First-party cookies the SDK sets with personalization consent, read by edge rendering. */
export const VISITOR_COOKIE = 'kairos_vid';
export const TIMEZONE_COOKIE = 'kairos_tz';

const CLICK_IDS = ['gclid', 'gbraid', 'wbraid', 'dclid', 'msclkid', 'fbclid', 'ttclid'];
const UTM = ['source', 'medium', 'campaign', 'term', 'content'] as const;

/** The value of one cookie, or undefined; bounded, never parsed further. */
export function cookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw).slice(0, 128);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** A header's structured-field string (`"Android"`) or boolean (`?1`), unquoted. */
const sfString = (v: string | null): string | undefined => (v ? v.replace(/^"|"$/g, '').slice(0, 64) : undefined);

/**
 * The decide request that a page request amounts to, for edge rendering: the referrer's
 * host from `Referer` (never its URL), campaign and click ids from the URL, device from the
 * UA and low-entropy UA Client Hints, language and Save-Data from their headers, the time
 * zone from the SDK's cookie or the platform. The visitor id is the SDK's cookie, and only
 * with consent (the cookie exists only then) and without Global Privacy Control; otherwise a
 * fresh id per page (`madeUpId`) and no personalization consent, as the SDK does without consent.
 */
export function requestSignals(
  req: Request, site: string, slots: string[], platformZone: string | undefined, madeUpId: string = crypto.randomUUID(),
): { request: DecideRequest; timeKnown: boolean; hasVisitorCookie: boolean; gpc: boolean } {
  const h = req.headers;
  const url = new URL(req.url);
  const gpc = h.get('sec-gpc') === '1';
  const stored = gpc ? undefined : cookie(h.get('cookie'), VISITOR_COOKIE);
  const zone = cookie(h.get('cookie'), TIMEZONE_COOKIE) || platformZone;
  const referer = h.get('referer');
  let referrer: string | undefined;
  try {
    referrer = referer ? new URL(referer).host : undefined;
  } catch {
    referrer = undefined;
  }
  const utm: NonNullable<Signals['utm']> = {};
  for (const k of UTM) {
    const v = url.searchParams.get(`utm_${k}`);
    if (v !== null) utm[k] = v.slice(0, 512);
  }
  const mobile = h.get('sec-ch-ua-mobile');
  const platform = sfString(h.get('sec-ch-ua-platform'));
  const signals: Signals = {
    page: { path: url.pathname.slice(0, 2048) },
    ...(referrer ? { referrer } : {}),
    utm,
    clickIds: CLICK_IDS.filter((k) => url.searchParams.has(k)),
    ua: (h.get('user-agent') ?? '').slice(0, 2048),
    ...(mobile !== null || platform ? { uaData: { ...(mobile !== null ? { mobile: mobile === '?1' } : {}), ...(platform ? { platform } : {}) } } : {}),
    saveData: h.get('save-data') === 'on',
    language: (h.get('accept-language') ?? '').split(',')[0]!.split(';')[0]!.trim().slice(0, 64),
    ...(zone ? { time: { timezone: zone.slice(0, 64) } } : {}),
  };
  const consented = stored !== undefined && stored !== '';
  // The cookie is the only word of consent a page request carries (the SDK sets it only with
  // it): without it the edge decides as the browser does without consent, skipping stored
  // rules with reason `consent`; a first page with consent is checked apart (routes/proxy.ts).
  const request: DecideRequest = {
    site,
    slots,
    visitor: consented ? stored : madeUpId,
    consent: { personalization: consented, analytics: consented },
    signals,
  };
  return { request, timeKnown: zone !== undefined && validZone(zone), hasVisitorCookie: consented, gpc };
}
