/**
 * Peer comparison on Node: POST /v1/decide of the real app against the GrowthBook peer
 * (peer-worker.ts) on the demo's rules, both in @hono/node-server in this process, same
 * run, over 127.0.0.1. The servers' CPU is this process's, measured per round.
 */
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp } from '../src/app.ts';
import { LiveRules } from '../src/live-rules.ts';
import type { RulesFile } from '../src/rules/types.ts';
import { peerComparison } from './compare.ts';
import { decideBody, selfCpu } from './load.ts';
import { peerApp } from './peer-worker.ts';

const text = readFileSync(join(process.cwd(), '..', 'demo-site', 'rules.json'), 'utf8');
const rules = new LiveRules();
if (!(await rules.load(text)).ok) throw new Error('demo rules invalid');
const file = JSON.parse(text) as RulesFile;
const slots = Object.keys(file.slots);
const body = decideBody(file.site, slots);

function listen(app: Hono): Promise<{ url: string; close: () => void }> {
  return new Promise((ok) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => {
      ok({ url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/v1/decide`, close: () => s.close() });
    });
  });
}

const k = await listen(createApp({ rules }));
const p = await listen(peerApp(file));
try {
  await peerComparison(`http on Node ${process.version}`, { kairos: k.url, peer: p.url }, body, slots, selfCpu);
} finally {
  k.close();
  p.close();
}
