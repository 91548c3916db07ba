/**
 * LCP, CLS and time to slots settled on the demo storefront, with the SDK deciding in the
 * browser and with edge rendering (proxy mode), in the same run.
 *
 * Two demos run as the journeys run them (`wrangler dev`, real workerd, on free 127.0.0.1
 * ports), one in proxy mode (its pages from the same static files, slots filled as they
 * stream). Each load is a new browser context in
 * one Chromium (a cold first visit, landing from a Google search for "ski boots", so the
 * hero has a variant), alternating between the two edges so both see the same machine.
 * An init script records, inside the page: the largest-contentful-paint and layout-shift
 * entries (buffered), and the first moment the hero, and every slot, has `data-kairos-state`,
 * measured from navigation start. A load is read 500 ms after the load event and every slot settled.
 *
 *   npm run bench:proxy [-- --loads 30]     (builds first)
 */
import { chromium, type Browser } from '@playwright/test';
import { startDemo } from '../support/edge-server.ts';

const arg = process.argv.indexOf('--loads');
const loads = arg > 0 ? Number(process.argv[arg + 1]) : 30;
if (!Number.isInteger(loads) || loads < 1) throw new Error(`--loads must be a whole number ≥ 1, not ${process.argv[arg + 1]}`);
const SETTLE_MS = 500;
const LANDING = '/?utm_source=google&utm_medium=cpc&utm_term=ski%20boots';
const REFERER = 'https://www.google.com/';
// The flags of e2e/playwright.config.ts.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];

interface Load {
  lcp: number;
  cls: number;
  hero: number;
  settled: number;
}

/** Runs in the page before any of its scripts. */
const observe = (): void => {
  const w = window as unknown as { __bench: { lcp: number; cls: number; at: Map<Element, number> } };
  w.__bench = { lcp: 0, cls: 0, at: new Map() };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__bench.lcp = e.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!e.hadRecentInput) w.__bench.cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
  // When each slot first has a state: edge-rendered slots as the parser inserts them, the SDK's when it sets it.
  const check = (): void => {
    for (const el of document.querySelectorAll('[data-kairos-slot][data-kairos-state]')) if (!w.__bench.at.has(el)) w.__bench.at.set(el, performance.now());
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributeFilter: ['data-kairos-state'] });
};

/** In the page, once parsed: the hero's settle time and the last slot's, or undefined while a slot has no state. */
const read = (): Load | undefined => {
  const b = (window as unknown as { __bench: { lcp: number; cls: number; at: Map<Element, number> } }).__bench;
  const slots = [...document.querySelectorAll('[data-kairos-slot]')];
  if (document.readyState === 'loading' || !slots.length || !slots.every((el) => b.at.has(el))) return undefined;
  return { lcp: b.lcp, cls: b.cls, hero: b.at.get(document.querySelector('[data-kairos-slot="hero"]')!) ?? NaN, settled: Math.max(...slots.map((el) => b.at.get(el)!)) };
};

async function load(browser: Browser, url: string): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    // What was still loading when a load fails: the report names it.
    const pending = new Set<string>();
    page.on('request', (r) => pending.add(r.url()));
    page.on('requestfinished', (r) => pending.delete(r.url()));
    page.on('requestfailed', (r) => pending.delete(r.url()));
    await page.addInitScript(observe);
    await page.goto(url + LANDING, { referer: REFERER, waitUntil: 'load' }).catch((e: Error) => {
      throw new Error(`${e.message.split('\n')[0]} (still loading: ${[...pending].map((u) => new URL(u).pathname).join(', ') || 'nothing'})`);
    });
    await page.waitForFunction(read, null, { timeout: 10_000 });
    // A moment more, so a shift from the last render (and the LCP after it) is reported.
    await page.waitForTimeout(SETTLE_MS);
    return (await page.evaluate(read))!;
  } finally {
    await context.close();
  }
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
};

const [sdk, proxy] = await Promise.all([startDemo(), startDemo({ proxy: true })]);
const browser = await chromium.launch({ executablePath: process.env.KAIROS_CHROMIUM || '/usr/bin/chromium', args: ARGS });
const runs: Record<'sdk' | 'proxy', Load[]> = { sdk: [], proxy: [] };
const failed: Record<'sdk' | 'proxy', string[]> = { sdk: [], proxy: [] };
/** One counted load; a load that fails (a page that does not load within 30 s) is reported, not measured. */
const measure = async (mode: 'sdk' | 'proxy', url: string): Promise<void> => {
  try {
    runs[mode].push(await load(browser, url));
  } catch (e) {
    failed[mode].push((e instanceof Error ? e.message : String(e)).split('\n')[0]!);
  }
};
try {
  // One warm-up load each (the browser's and the servers' first requests), not counted.
  await load(browser, sdk.url);
  await load(browser, proxy.url);
  for (let i = 0; i < loads; i++) {
    await measure('sdk', sdk.url);
    await measure('proxy', proxy.url);
  }
} finally {
  await browser.close();
  await Promise.all([sdk.stop(), proxy.stop()]);
}

const ms = (x: number): string => `${x.toFixed(0).padStart(5)} ms`;
const shift = (x: number): string => x.toFixed(3).padStart(8);
console.log(`demo storefront, ${loads} cold loads each (workerd, Chromium), landing from a search for "ski boots"; median / p95`);
for (const [name, r] of Object.entries(runs)) {
  const col = (k: keyof Load, f: (x: number) => string): string => `${f(quantile(r.map((x) => x[k]), 0.5))} / ${f(quantile(r.map((x) => x[k]), 0.95))}`;
  if (!r.length) {
    console.log(`  ${name}: no load measured`);
    continue;
  }
  console.log(`  ${(name === 'sdk' ? 'SDK decides' : 'proxy mode').padEnd(12)} LCP ${col('lcp', ms)}   CLS ${col('cls', shift)}   hero settled ${col('hero', ms)}   all slots settled ${col('settled', ms)}`);
}
for (const [name, f] of Object.entries(failed)) if (f.length) console.log(`  ${name}: ${f.length} of ${loads} loads failed, first: ${f[0]}`);
process.exitCode = failed.sdk.length + failed.proxy.length ? 1 : 0;
