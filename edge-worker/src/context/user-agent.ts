import { isbot } from 'isbot';
import type { DeviceType } from '../protocol/index.ts';

/** Short OS names rules can rely on; anything else is `other`. */
export type OsName = 'ios' | 'android' | 'windows' | 'macos' | 'linux' | 'chromeos' | 'other';
/** Short browser names rules can rely on; anything else is `other`. */
export type BrowserName = 'chrome' | 'safari' | 'firefox' | 'edge' | 'samsung' | 'opera' | 'other';

/** What a User-Agent string says about the device. */
export interface ParsedUa {
  type: DeviceType;
  os: OsName;
  browser: BrowserName;
}

// Tokens only, no model database, so the edge bundle stays small; what that costs against
// Matomo device-detector (long-tail TV boxes, mostly) is measured in test/device-corpus.test.ts.
// Inputs are cut to 512 characters first (device.ts), which bounds the `.*` patterns.
const TV =
  /smart-?tv|(?:^|[\W_])(?:tv|shell|stick|dvb)(?:[\W_]|$)|tv[ _-]?box|hbbtv|\bdtv\b|web0s|webos.+tv|netcast|bravia|\baft[a-z]|crkey|googletv|android tv|appletv|\broku|opera tv|vidaa|espial|antgalio|kylo|webtv|freebox|viera|philipstv|large screen|\bstb\d|box(?![a-z])|yandexmodule|brightsign|vizio|[-_]led\d/i;
// Android TV boxes whose UA names only the model: the widely sold families, and models that
// name a 4K/8K picture (`TOUCAN NANO 4K`) or a TV with its size (`TDTV65BS06U`), as phones never do.
const TV_BOX = /; (?:m8s|hk1|x96|h96|t95|tx[36]\b|a95x|mxq|km\d|mecool|vontar|neo-[uxz]\d|mibox|gt ?king)|[\W_][48]k(?![a-z\d])|tv(?:2[4-9]|[3-8]\d)/i;
// A TV panel's model starts with its diagonal in inches (`32H700GU`, `F32EY1000B`); phone
// models put a series digit there instead (`SM-A525F`), so the size must be followed by letters
// and a digit (`TQ65UFBHV1`).
const TV_PANEL = /(?:; |[\s_-])[A-Z]{0,3}(?:2[4-9]|[3-8]\d)[A-Z]{1,5}\d/;
// Huawei and Honor name Wi-Fi-only models `-W09` (`KOB2-W09`): tablets, as their phones are cellular.
const TABLET = /ipad|tablet|\bkindle|\bsilk\/|playbook|\btab\b|touchpad|pad\b|windows nt [\d.]+; arm;.*touch|; ?(?:sm-[tpx]\d|gt-p\d|gt-n(?:51|80)\d|lenovo tb|[a-z]{3}\d?-w\d\d)/i;
const PHONE = /iphone|ipod|mobile|opera mini|\bmidp|j2me|symbian|blackberry|\bbb10\b|windows phone|kaios|up\.browser|obigo|netfront/i;
const BROWSERS: readonly (readonly [RegExp, BrowserName])[] = [
  [/\bedg(?:e|a|ios)?\//i, 'edge'],
  [/\bopr\/|opera/i, 'opera'],
  [/samsungbrowser\//i, 'samsung'],
  // Browsers and in-app views built on Chrome or Safari that Matomo names for themselves.
  [/yabrowser|yaapp|yasearch|ucbrowser|ubrowser|huaweibrowser|miuibrowser|xiaomi\/miui|silk\/|puffin|whale\/|coc_coc|vivaldi|qqbrowser|baidu|maxthon|sogou|quark|heytap|vivobrowser|oppobrowser|duckduckgo|kylo|fban|fbav|instagram|\bline\/|snapchat|gsa\/|electron|oculusbrowser|avast|avg\/|ddg\/|brave|qtwebengine|odin\/|omi\/|midori|epiphany|iceweasel|icecat|kazehakase|tv bro|ecosia/i, 'other'],
  [/\bfirefox\/|\bfxios\//i, 'firefox'],
  [/\b(?:chrome|crios|chromium)\//i, 'chrome'],
  [/version\/[\d.]+.*safari\/|\(i(?:phone|pad|pod);.*applewebkit(?!.*(?:safari|crios|fxios))/i, 'safari'],
];

/**
 * Type, OS and browser from a User-Agent string, with no model database: the tokens that
 * browsers themselves put in the string (`Mobile`, `iPad`, `SmartTV`, `Android` without
 * `Mobile` …). Bots are recognised by `isbot`.
 */
export function parseUserAgent(ua: string): ParsedUa {
  const os = osOf(ua);
  return { type: typeOf(ua, os), os, browser: browserOf(ua, os) };
}

function osOf(ua: string): OsName {
  if (/iphone|ipad|ipod|\bios\b|cpu os \d/i.test(ua)) return 'ios';
  if (/android|\badr\b/i.test(ua)) return 'android';
  if (/windows (?:phone|mobile|ce)|windows nt [\d.]+; arm;/i.test(ua)) return 'other';
  if (/windows/i.test(ua)) return 'windows';
  if (/\bcros\b/i.test(ua)) return 'chromeos';
  if (/macintosh|mac os x/i.test(ua)) return 'macos';
  if (/linux|x11|ubuntu|fedora/i.test(ua) && !/tizen|web0s|webos|kaios/i.test(ua)) return 'linux';
  return 'other';
}

function typeOf(ua: string, os: OsName): DeviceType {
  if (!ua || isbot(ua)) return ua ? 'bot' : 'desktop';
  if (TV.test(ua) || (os === 'android' && (TV_BOX.test(ua) || TV_PANEL.test(ua)))) return 'tv';
  if (TABLET.test(ua)) return 'tablet';
  if (os === 'android') return /mobile/i.test(ua) ? 'mobile' : 'tablet';
  if (PHONE.test(ua)) return 'mobile';
  return 'desktop';
}

function browserOf(ua: string, os: OsName): BrowserName {
  for (const [pattern, name] of BROWSERS) {
    // Android's stock browser and other WebKit shells also say `Version/… Safari/`.
    if (pattern.test(ua)) return name === 'safari' && os !== 'ios' && os !== 'macos' ? 'other' : name;
  }
  return 'other';
}
