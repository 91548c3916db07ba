import type { Signals } from '../types';

/** Ad click-id parameters whose presence (never their value) is sent: those the edge classifies. */
export const CLICK_IDS = 'gclid gbraid wbraid dclid msclkid fbclid ttclid'.split(' ');

/**
 * Where the visit came from, from the landing URL's query and `document.referrer`:
 * the referrer's host only (never its URL or query), the `utm_*` values present and
 * the names of the ad click ids present. Captured once per document.
 */
export const origin = (search: string, referrer: string): Signals => {
  const q = new URLSearchParams(search);
  return {
    // document.referrer is a URL or ''.
    referrer: referrer ? new URL(referrer).host : undefined,
    // Absent parameters become undefined, which JSON leaves out.
    utm: Object.fromEntries('source medium campaign term content'.split(' ').map((k) => [k, q.get('utm_' + k) ?? undefined])),
    clickIds: CLICK_IDS.filter((k) => q.has(k)),
  };
};

/** Forced variants from `?kairos_preview=hero:ski-hero,promo:b` (QA); `undefined` without one. */
export const previewOf = (search: string): Record<string, string> | undefined => {
  const p = new URLSearchParams(search).get('kairos_preview');
  return p ? Object.fromEntries(p.split(',').map((x) => x.split(':'))) : undefined;
};

type Temporal = { Now: { timeZoneId(): string } };

/**
 * The device's IANA time zone. Temporal's zone id first: a page's first DateTimeFormat
 * builds ICU's date patterns (tens of ms on a cold renderer, before the decide request can go).
 */
export const zone = (): string => (self as { Temporal?: Temporal }).Temporal?.Now.timeZoneId() ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
type Nav = Navigator & { userAgentData?: Signals['uaData']; connection?: { saveData?: boolean } };

/**
 * The viewport's width or height as media queries see it (whole CSS px), found by
 * bisection: on a page still loading, reading `innerWidth` or `visualViewport` forces a
 * layout (27-97 ms in about 1 cold load of the demo in 20, in Chromium); a media query
 * does not.
 */
const media = (d: 'width' | 'height'): number => {
  let px = 0;
  for (let b = 1 << 14; b; b >>= 1) if (matchMedia(`(min-${d}:${px + b}px)`).matches) px += b;
  return px;
};

/**
 * What the page and the device say now: path (no query), title, the type the site
 * declares with `<body data-kairos-page-type="product">`; low-entropy UA Client
 * Hints where the browser has them (the UA string is then not sent), else the UA
 * string; touch, viewport, Save-Data, language; local time and IANA timezone.
 */
export const present = (): Signals => {
  const n = navigator as Nav;
  const d = new Date();
  return {
    page: {
      path: location.pathname,
      title: document.title,
      type: document.body?.dataset.kairosPageType,
    },
    // NavigatorUAData has toJSON(): its low-entropy brands, mobile and platform.
    ...(n.userAgentData ? { uaData: n.userAgentData } : { ua: n.userAgent }),
    touch: n.maxTouchPoints > 0,
    viewport: { width: media('width'), height: media('height') },
    saveData: !!n.connection?.saveData,
    language: n.language,
    time: {
      hour: d.getHours(),
      weekday: d.getDay(),
      timezone: zone(),
    },
  };
};
