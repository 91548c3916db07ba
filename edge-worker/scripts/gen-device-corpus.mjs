// Builds test/fixtures/device-corpus.json: User-Agent strings with the device type, OS and
// browser that Matomo's device-detector expects for them. Run by hand when the corpus should
// change; the corpus is committed, so tests need none of the packages below.
//
//   mkdir /tmp/oracle && cd /tmp/oracle && npm i node-device-detector@2.2.7 user-agents@2.1.198 crawler-user-agents@1.60.0
//   node edge-worker/scripts/gen-device-corpus.mjs /tmp/oracle
//
// Sources (see test/fixtures/NOTICE.md for licences):
// - matomo: test/fixtures/matomo-device-sample.tsv, tablets and smart TVs copied from Matomo
//   device-detector's Tests/fixtures (the type column is Matomo's expected type);
// - traffic: every distinct UA of the `user-agents` package (a sample of real traffic);
// - bots: every 3rd instance in `crawler-user-agents` (real crawler UAs).
// Labels come from node-device-detector, a port of Matomo's detector and its regex database;
// for the matomo rows the script checks it agrees with the fixture's own type.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const oracleDir = process.argv[2];
if (!oracleDir) throw new Error('usage: gen-device-corpus.mjs <dir whose node_modules has the three packages>');
const require = createRequire(join(oracleDir, 'package.json'));
const DeviceDetector = require('node-device-detector');
const detector = new DeviceDetector({ deviceIndexes: true, clientIndexes: true });

// Matomo's device types, reduced to the contract's; types missing here are left out.
const TYPES = {
  desktop: 'desktop', notebook: 'desktop',
  smartphone: 'mobile', phablet: 'mobile', 'feature phone': 'mobile', 'portable media player': 'mobile', wearable: 'mobile',
  tablet: 'tablet', tv: 'tv',
};
const OS = { iOS: 'ios', iPadOS: 'ios', Android: 'android', Windows: 'windows', Mac: 'macos', 'GNU/Linux': 'linux', 'Chrome OS': 'chromeos' };
const BROWSERS = {
  Chrome: 'chrome', 'Chrome Mobile': 'chrome', 'Chrome Mobile iOS': 'chrome', 'Chrome Webview': 'chrome', Chromium: 'chrome',
  Safari: 'safari', 'Mobile Safari': 'safari',
  Firefox: 'firefox', 'Firefox Mobile': 'firefox', 'Firefox Mobile iOS': 'firefox',
  'Microsoft Edge': 'edge', 'Samsung Browser': 'samsung',
  Opera: 'opera', 'Opera Mobile': 'opera', 'Opera GX': 'opera',
};

/** [ua, type, os, browser] as Matomo sees it, or undefined for a type outside the contract. */
function label(ua) {
  if (detector.parseBot(ua)?.name) return [ua, 'bot', '', ''];
  const r = detector.detect(ua);
  const type = TYPES[r.device?.type ?? ''];
  if (!type) return undefined;
  return [ua, type, OS[r.os?.family ?? ''] ?? 'other', BROWSERS[r.client?.name ?? ''] ?? 'other'];
}

const rows = { matomo: [], traffic: [], bots: [] };
let disagree = 0;
for (const line of readFileSync(join(here, '..', 'test', 'fixtures', 'matomo-device-sample.tsv'), 'utf8').split('\n')) {
  if (!line) continue;
  const [type, ua] = line.split('\t');
  const l = label(ua);
  if (!l || l[1] !== type) disagree++;
  // The fixture's own type is what Matomo expects; the oracle adds OS and browser.
  rows.matomo.push([ua, type, l?.[2] ?? 'other', l?.[3] ?? 'other']);
}
const seen = new Set();
const uaData = JSON.parse(readFileSync(join(oracleDir, 'node_modules', 'user-agents', 'dist', 'user-agents.json'), 'utf8'));
for (const { userAgent } of uaData) {
  if (seen.has(userAgent)) continue;
  seen.add(userAgent);
  const l = label(userAgent);
  if (l) rows.traffic.push(l);
}
const crawlers = JSON.parse(readFileSync(join(oracleDir, 'node_modules', 'crawler-user-agents', 'crawler-user-agents.json'), 'utf8')).flatMap((c) => c.instances ?? []);
crawlers.forEach((ua, i) => {
  if (i % 3 !== 0 || seen.has(ua)) return;
  seen.add(ua);
  const l = label(ua);
  if (l) rows.bots.push(l);
});

const corpus = {
  about: 'UA strings with the device type/os/browser Matomo device-detector expects; built by scripts/gen-device-corpus.mjs; licences in NOTICE.md',
  columns: ['ua', 'type', 'os', 'browser'],
  sources: rows,
};
const out = join(here, '..', 'test', 'fixtures', 'device-corpus.json');
writeFileSync(out, JSON.stringify(corpus).replace(/\],\[/g, '],\n['));
console.log(`${out}: matomo ${rows.matomo.length} (oracle disagrees with the fixture type on ${disagree}), traffic ${rows.traffic.length}, bots ${rows.bots.length}`);
