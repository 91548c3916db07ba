/**
 * HTTP benchmark on Node: POST /v1/decide of the real app against a bare Hono
 * route (and decide's own I/O without deciding) in the same runtime and
 * server, same run, over 127.0.0.1.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp } from '../src/app.ts';
import { LiveRules } from '../src/live-rules.ts';
import bare from './bare-worker.ts';
import { floorApp } from './floor-worker.ts';
import { compare, decideBody, pipelineMicros } from './load.ts';

const rules = new LiveRules();
const loaded = await rules.load(readFileSync(join(process.cwd(), '..', 'demo-site', 'rules.json'), 'utf8'));
if (!loaded.ok) throw new Error('demo rules invalid');
const slots = [...rules.current()!.slots.keys()];
const body = decideBody(rules.current()!.site, slots);

async function listen(app: Hono): Promise<{ url: string; close: () => void }> {
  return new Promise((ok) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => {
      ok({ url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/v1/decide`, close: () => s.close() });
    });
  });
}

const k = await listen(createApp({ rules }));
const check = await fetch(k.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
if (check.status !== 200) throw new Error(`decide answered ${check.status}: ${await check.text()}`);
const answer = await check.text();
const b = await listen(bare);
const f = await listen(floorApp(() => answer));
const pipelineUs = await pipelineMicros(rules.current()!, body);
await compare(`http on Node ${process.version}`, { bare: b.url, floor: f.url, kairos: k.url, answerBytes: Buffer.byteLength(answer), pipelineUs }, body, slots.length);
for (const server of [k, b, f]) server.close();
