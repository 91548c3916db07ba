// The Worker decides with rules precompiled at build time (validated and sanitised in
// Node, then compiled in the Worker without the validator or an HTML parser); Node
// validates, sanitises and compiles the rules file itself. Both must decide alike.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { createApp } from '../src/app.ts';
import type { DecideRequest, DecideResponse, Signals } from '../src/protocol/index.ts';
import { LiveRules } from '../src/live-rules.ts';
import { loadPrecompiled } from '../src/rules/load-precompiled.ts';
import { precompileRules } from '../src/rules/precompile.ts';
import { seededRng } from '../src/learn/beta.ts';

const NOW = Date.parse('2026-12-10T12:00:00Z');

const UAS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPad; CPU OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
];

/** A visitor drawn from what the demo's rules (and the fixtures') read: campaign, referrer, device, time, geo, memory. */
function request(rnd: () => number, site: string, slots: string[], i: number): { body: DecideRequest; country: string } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const consented = rnd() < 0.7;
  const signals: Signals = {
    page: { path: pick(['/', '/ski.html', '/running.html', '/products/ski-alpine-pro.html']), title: 'Page' },
    referrer: pick(['www.google.com', 'www.bing.com', 't.co', 'www.instagram.com', 'mail.example', '']),
    utm: pick([{}, { term: 'ski boots' }, { term: 'Powder skis' }, { medium: 'email', campaign: 'winter-sale-2026' }, { source: 'news', medium: 'cpc', term: 'snow' }]),
    ua: pick(UAS),
    time: { hour: Math.floor(rnd() * 24), weekday: Math.floor(rnd() * 7), timezone: 'Europe/Zurich' },
    session: { pageviews: 1 + Math.floor(rnd() * 5), isNew: rnd() < 0.5 },
  };
  if (consented) {
    signals.visitor = { sessions: 1 + Math.floor(rnd() * 4), firstSeen: NOW - Math.floor(rnd() * 30) * 86_400_000 };
    signals.interests = pick<Record<string, number>>([{}, { ski: 3 }, { running: 2, ski: 1 }]);
    signals.views = pick([[], [{ id: 'sku-1', tags: ['running'], at: NOW - 60_000 }], [{ id: 'sku-2', tags: ['ski', 'outdoor'], at: NOW - 5_000 }]]);
    signals.conversions = pick<Record<string, number>>([{}, { 'purchase-ski': 1 }, { 'add-to-cart': 2 }]);
    signals.exposures = { visitor: pick<Record<string, number>>([{}, { 'hero/mobile-app': 5 }]), session: {} };
  }
  const body: DecideRequest = {
    site, slots: [...slots, ...(i % 7 === 0 ? ['no-such-slot'] : [])], visitor: `v-${i}`,
    consent: { personalization: consented, analytics: consented }, signals, debug: true,
  };
  return { body, country: pick(['CH', 'FR', 'US', 'GB', 'AT', '']) };
}

async function decideAll(app: Hono, requests: ReturnType<typeof request>[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const { body, country } of requests) {
    const res = await app.request('/v1/decide', {
      method: 'POST', body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(country ? { 'x-kairos-country': country } : {}) },
    });
    const json = (await res.json()) as Partial<DecideResponse>;
    // Time spent deciding differs from run to run; everything else must not.
    delete json.engineUs;
    out.push({ status: res.status, json });
  }
  return out;
}

const files = ['../../demo-site/rules.json', './fixtures/rules.app.json', './fixtures/rules.valid.json', './fixtures/rules.stats.json'];

describe('precompiled rules (Workers) and rules loaded at run time (Node)', () => {
  it.each(files)('decide alike for %s', async (file) => {
    const text = readFileSync(new URL(file, import.meta.url), 'utf8');
    const node = new LiveRules();
    expect((await node.load(text)).errors).toEqual([]);
    const pre = await precompileRules(text);
    // Through JSON, as the build writes it and the bundle carries it.
    const loaded = loadPrecompiled(JSON.parse(JSON.stringify(pre.precompiled)));
    if (!loaded.ok) throw new Error(loaded.error);
    expect(loaded.rules.version).toBe(node.current()!.version);

    const compiled = loaded.rules;
    const slots = [...compiled.slots.keys()];
    const rnd = seededRng(7);
    const requests = Array.from({ length: 300 }, (_, i) => request(rnd, compiled.site, slots, i));
    // Previews force each variant through its content path once.
    for (const [slot, rules] of compiled.slots) {
      for (const v of rules.flatMap((r) => r.variants)) {
        const forced = request(rnd, compiled.site, [slot], requests.length);
        requests.push({ ...forced, body: { ...forced.body, preview: { [slot]: v.id } } });
      }
    }
    const onNode = await decideAll(createApp({ rules: node, now: () => NOW, dev: true }), requests);
    const onWorker = await decideAll(createApp({ rules: { current: () => compiled }, now: () => NOW, dev: true }), requests);
    expect(onWorker).toEqual(onNode);
    // The contexts reach more than the default: most rules of the file match somewhere.
    const matched = new Set(onNode.flatMap((r) => Object.values((r as { json: DecideResponse }).json.decisions).map((d) => d.reason.outcome)));
    expect(matched).toContain('match');
    expect(matched).toContain('preview');
  });
});
