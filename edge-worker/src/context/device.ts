import type { ContextDocument, DeviceType, Signals } from '../protocol/index.ts';
import { bounded, clampInt, flag } from './bounds.ts';
import { Lru } from './lru.ts';
import { parseUserAgent, type BrowserName, type OsName, type ParsedUa } from './user-agent.ts';

/** The `device` part of the context document. */
export type DeviceInfo = ContextDocument['device'];
export type { BrowserName, OsName } from './user-agent.ts';

// Names as UA-CH `platform` and `brands` spell them.
const OS_NAMES: Record<string, OsName> = {
  ios: 'ios',
  android: 'android',
  windows: 'windows',
  macos: 'macos',
  linux: 'linux',
  'chrome os': 'chromeos',
  'chromium os': 'chromeos',
};
const BROWSER_NAMES: Record<string, BrowserName> = {
  chromium: 'chrome',
  'google chrome': 'chrome',
  'microsoft edge': 'edge',
  'samsung internet': 'samsung',
  opera: 'opera',
  'opera gx': 'opera',
};
// UA-CH brands naming a browser more precisely than "Chromium" does; first found wins.
const BRAND_ORDER = ['microsoft edge', 'opera', 'opera gx', 'samsung internet', 'google chrome'];
// GREASE brands ("Not A;Brand", "Not)A;Brand", "Not/A)Brand"…) exist to be ignored.
// https://wicg.github.io/ua-client-hints/#grease
const GREASE = /not.a.brand/i;
const MAX_UA = 512;

// Parsing a UA is the expensive part of deriving context, and a site sees few distinct UAs.
const cache = new Lru<string, ParsedUa>(500);

/** Type, OS and browser from a User-Agent string, parsed once per distinct (truncated) UA. */
function parseUa(ua: string): ParsedUa {
  const key = ua.slice(0, MAX_UA);
  let hit = cache.get(key);
  if (!hit) {
    hit = parseUserAgent(key);
    cache.set(key, hit);
  }
  return hit;
}

/** The browser named by UA-CH brands, `undefined` when they name none we know. */
function browserFromBrands(brands: { brand: string }[] | undefined): BrowserName | undefined {
  const names = (brands ?? []).slice(0, 10).map((b) => String(b?.brand ?? '').toLowerCase()).filter((n) => n && !GREASE.test(n));
  if (names.length === 0) return undefined;
  for (const name of BRAND_ORDER) if (names.includes(name)) return BROWSER_NAMES[name];
  // Only "Chromium" left means plain Chromium; another name beside it is a browser we don't list (Brave…).
  return names.every((n) => n === 'chromium') ? 'chrome' : 'other';
}

/**
 * The `device` part of the context document. UA Client Hints (`uaData`) win where they
 * answer (mobile, platform, brands); the User-Agent string fills the rest: the one the SDK
 * sent, else the request's own (`requestUa`; Chromium's SDK sends hints instead of a UA).
 * A bot, by either UA, is `bot`; a smart TV is `tv` whatever its hints say. An iPad asking
 * for desktop sites reports a Mac UA, so a "Mac" with touch is taken for an iPad.
 *
 * @example deriveDevice({ ua: 'Mozilla/5.0 (iPhone; …) … Safari/604.1' }) // { type: 'mobile', os: 'ios', browser: 'safari', … }
 */
export function deriveDevice(signals: Signals, requestUa?: string): DeviceInfo {
  const ch = signals.uaData;
  const touch = flag(signals.touch);
  const sent = typeof signals.ua === 'string' ? signals.ua : '';
  const header = typeof requestUa === 'string' ? requestUa : '';
  const ua = parseUa(sent || header);

  const chOs = OS_NAMES[bounded(ch?.platform, 32).toLowerCase()];
  let os = chOs ?? ua.os;
  const browser = browserFromBrands(ch?.brands) ?? ua.browser;
  // A crawler that runs the SDK may send a browser's UA while its request says who it is.
  const bot = ua.type === 'bot' || (sent !== '' && header !== '' && header !== sent && parseUa(header).type === 'bot');
  let type: DeviceType;
  if (bot) type = 'bot';
  else if (ua.type === 'tv') type = 'tv';
  else if (ch?.mobile === true) type = 'mobile';
  // UA-CH says "not mobile" for tablets too; an Android that is not mobile is a tablet.
  else if (ch?.mobile === false) type = os === 'android' ? 'tablet' : os === 'ios' ? ua.type : 'desktop';
  else type = ua.type;
  // Macs have no touch screen; a touch "Mac" that UA-CH did not vouch for is an iPad.
  if (os === 'macos' && touch && !chOs && type === 'desktop') {
    os = 'ios';
    type = 'tablet';
  }
  return {
    type,
    os,
    browser,
    touch,
    viewport: { width: clampInt(signals.viewport?.width, 0, 20000), height: clampInt(signals.viewport?.height, 0, 20000) },
    saveData: flag(signals.saveData),
    language: canonicalLanguage(signals.language),
  };
}

/** A BCP 47 tag in canonical case (`en-US`), or `''` when it is not one. */
function canonicalLanguage(value: unknown): string {
  const tag = bounded(value, 35).trim();
  if (!tag) return '';
  let out = languages.get(tag);
  if (out === undefined) {
    try {
      out = Intl.getCanonicalLocales(tag)[0] ?? '';
    } catch {
      out = ''; // RangeError: not a well-formed language tag
    }
    languages.set(tag, out);
  }
  return out;
}

// Visitors share a few languages; canonicalising is slow enough to show in decide's profile.
const languages = new Lru<string, string>(200);
