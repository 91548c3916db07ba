import { describe, expect, it } from 'vitest';
import { deriveDevice } from './device.ts';

const UA = {
  iphoneSafari: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  androidChromePhone: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36',
  androidChromeTablet: 'Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36',
  // iPadOS 13+ asks for desktop sites by default and sends a Mac UA.
  ipadDesktopMode: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  ipadLegacy: 'Mozilla/5.0 (iPad; CPU OS 12_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1 Mobile/15E148 Safari/604.1',
  windowsChrome: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  windowsEdge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.68',
  windowsOpera: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/111.0.0.0',
  macSafari: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  linuxFirefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
  samsungInternet: 'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
  chromeOs: 'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  iphoneChrome: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1',
};

describe('deriveDevice from the User-Agent', () => {
  it.each([
    ['iPhone Safari', UA.iphoneSafari, false, 'mobile', 'ios', 'safari'],
    ['iPhone Chrome', UA.iphoneChrome, true, 'mobile', 'ios', 'chrome'],
    ['Android Chrome phone', UA.androidChromePhone, true, 'mobile', 'android', 'chrome'],
    ['Android Chrome tablet', UA.androidChromeTablet, true, 'tablet', 'android', 'chrome'],
    ['iPad in desktop mode (Mac UA + touch)', UA.ipadDesktopMode, true, 'tablet', 'ios', 'safari'],
    ['iPad with an iPad UA', UA.ipadLegacy, true, 'tablet', 'ios', 'safari'],
    ['Windows Chrome', UA.windowsChrome, false, 'desktop', 'windows', 'chrome'],
    ['Windows Edge', UA.windowsEdge, false, 'desktop', 'windows', 'edge'],
    ['Windows Opera', UA.windowsOpera, false, 'desktop', 'windows', 'opera'],
    ['macOS Safari (no touch)', UA.macSafari, false, 'desktop', 'macos', 'safari'],
    ['Linux Firefox', UA.linuxFirefox, false, 'desktop', 'linux', 'firefox'],
    ['Samsung Internet', UA.samsungInternet, true, 'mobile', 'android', 'samsung'],
    ['ChromeOS', UA.chromeOs, false, 'desktop', 'chromeos', 'chrome'],
  ])('%s', (_name, ua, touch, type, os, browser) => {
    expect(deriveDevice({ ua, touch })).toMatchObject({ type, os, browser, touch });
  });

  it('turns a missing UA into desktop/other and an unknown one into desktop', () => {
    expect(deriveDevice({})).toMatchObject({ type: 'desktop', os: 'other', browser: 'other' });
    expect(deriveDevice({ ua: 'Mozilla/5.0 (Haiku; x86_64) WebPositive/1.3' })).toMatchObject({ type: 'desktop', os: 'other', browser: 'other' });
  });

  it.each([
    ['Samsung Tizen TV', 'Mozilla/5.0 (SMART-TV; LINUX; Tizen 6.5) AppleWebKit/537.36 (KHTML, like Gecko) 85.0.4183.93/6.5 TV Safari/537.36'],
    ['LG webOS', 'Mozilla/5.0 (Web0S; Linux/SmartTV) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/79.0.3945.79 Safari/537.36 WebAppManager'],
    ['Android TV', 'Mozilla/5.0 (Linux; Android 12; BRAVIA 4K VH2 Build/STT1.211025.001.Z4; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/118.0.0.0 Mobile Safari/537.36'],
    ['Fire TV', 'Mozilla/5.0 (Linux; Android 9; AFTKA Build/PS7633.3445N; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.0.0 Mobile Safari/537.36'],
    ['Chromecast', 'Mozilla/5.0 (X11; Linux aarch64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.0.0 Safari/537.36 CrKey/1.56.500000 DeviceType/AndroidTV'],
    ['HbbTV set', 'Mozilla/5.0 (Linux armv7l) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/84.0.4147.140 Safari/537.36 OPR/46.0.2207.0 OMI/4.21.2.50 HbbTV/1.5.1 (+DRM;Hisense;SmartTV_2021_FHD;;40A35EEVS;)'],
  ])('takes a %s for a tv', (_name, ua) => {
    expect(deriveDevice({ ua }).type).toBe('tv');
  });

  it.each([
    ['Googlebot', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'],
    ['Googlebot smartphone', 'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.126 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'],
    ['Bingbot', 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)'],
    ['headless Chrome', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36'],
    ['curl', 'curl/8.5.0'],
  ])('takes %s for a bot', (_name, ua) => {
    expect(deriveDevice({ ua }).type).toBe('bot');
  });

  it('answers the same for a repeated UA (cached) and copes with a huge one', () => {
    const first = deriveDevice({ ua: UA.windowsEdge });
    expect(deriveDevice({ ua: UA.windowsEdge })).toEqual(first);
    expect(deriveDevice({ ua: UA.windowsEdge + ' x'.repeat(5000) })).toMatchObject({ browser: 'edge' });
  });
});

describe('deriveDevice with the request\'s User-Agent', () => {
  const googlebot = 'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.126 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

  it('reads the request UA when the SDK sent hints instead of a UA', () => {
    expect(deriveDevice({ uaData: { mobile: false, platform: 'Android' } }, UA.androidChromeTablet)).toMatchObject({ type: 'tablet', os: 'android', browser: 'chrome' });
    expect(deriveDevice({}, UA.iphoneSafari)).toMatchObject({ type: 'mobile', os: 'ios', browser: 'safari' });
  });

  it('prefers the UA the SDK sent, but a bot by either UA is a bot', () => {
    expect(deriveDevice({ ua: UA.windowsEdge }, UA.iphoneSafari)).toMatchObject({ type: 'desktop', browser: 'edge' });
    expect(deriveDevice({ ua: UA.androidChromePhone }, googlebot).type).toBe('bot');
    expect(deriveDevice({ uaData: { mobile: true, platform: 'Android', brands: [{ brand: 'Chromium', version: '126' }] } }, googlebot).type).toBe('bot');
  });

  it('keeps a tv a tv whatever UA Client Hints say', () => {
    const androidTv = 'Mozilla/5.0 (Linux; Android 11; SHIELD Android TV Build/RQ1A.210105.003) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
    expect(deriveDevice({ uaData: { mobile: false, platform: 'Android' } }, androidTv).type).toBe('tv');
  });
});

describe('deriveDevice with UA Client Hints', () => {
  const brands = (...names: string[]) => names.map((brand) => ({ brand, version: '126' }));

  it('prefers uaData over the UA string', () => {
    // A desktop UA, but the hints say mobile Android Edge.
    const d = deriveDevice({ ua: UA.windowsChrome, uaData: { mobile: true, platform: 'Android', brands: brands('Not A;Brand', 'Microsoft Edge', 'Chromium') } });
    expect(d).toMatchObject({ type: 'mobile', os: 'android', browser: 'edge' });
  });

  it('ignores GREASE brands', () => {
    expect(deriveDevice({ uaData: { mobile: false, platform: 'Windows', brands: brands('Not)A;Brand', 'Google Chrome', 'Chromium') } }).browser).toBe('chrome');
    expect(deriveDevice({ uaData: { brands: brands('Not/A)Brand', 'Chromium') } }).browser).toBe('chrome');
    // Only GREASE left: fall back to the UA.
    expect(deriveDevice({ ua: UA.linuxFirefox, uaData: { brands: brands('Not_A Brand') } }).browser).toBe('firefox');
  });

  it('names Samsung Internet and Opera from brands, and an unlisted Chromium browser other', () => {
    expect(deriveDevice({ uaData: { mobile: true, platform: 'Android', brands: brands('Samsung Internet', 'Chromium', 'Not?A_Brand') } }).browser).toBe('samsung');
    expect(deriveDevice({ uaData: { brands: brands('Opera', 'Chromium') } }).browser).toBe('opera');
    expect(deriveDevice({ uaData: { brands: brands('Brave', 'Chromium') } }).browser).toBe('other');
  });

  it('takes a not-mobile Android for a tablet and a not-mobile desktop OS for desktop', () => {
    expect(deriveDevice({ ua: UA.androidChromeTablet, uaData: { mobile: false, platform: 'Android' } }).type).toBe('tablet');
    expect(deriveDevice({ uaData: { mobile: false, platform: 'macOS' } })).toMatchObject({ type: 'desktop', os: 'macos' });
    expect(deriveDevice({ uaData: { mobile: false, platform: 'Chrome OS' } }).os).toBe('chromeos');
    // UA-CH vouches for macOS: a touch flag does not make it an iPad.
    expect(deriveDevice({ ua: UA.macSafari, touch: true, uaData: { mobile: false, platform: 'macOS' } })).toMatchObject({ type: 'desktop', os: 'macos' });
  });

  it('falls back to the UA for an empty or unknown platform', () => {
    expect(deriveDevice({ ua: UA.windowsChrome, uaData: { mobile: false, platform: '' } }).os).toBe('windows');
    expect(deriveDevice({ ua: UA.linuxFirefox, uaData: { platform: 'Unknown' } }).os).toBe('linux');
  });
});

describe('deriveDevice other fields', () => {
  it('clamps the viewport and defaults flags to false', () => {
    expect(deriveDevice({ viewport: { width: 390.7, height: 1e9 } })).toMatchObject({
      viewport: { width: 390, height: 20000 },
      touch: false,
      saveData: false,
    });
    expect(deriveDevice({ viewport: { width: -5 } }).viewport).toEqual({ width: 0, height: 0 });
    expect(deriveDevice({ saveData: true }).saveData).toBe(true);
  });

  it('canonicalises the language tag, or leaves it empty when it is not one', () => {
    expect(deriveDevice({ language: 'en-us' }).language).toBe('en-US');
    expect(deriveDevice({ language: 'de' }).language).toBe('de');
    expect(deriveDevice({ language: 'not a language!' }).language).toBe('');
    expect(deriveDevice({}).language).toBe('');
  });
});
