import { alternate, ROUNDS, SECONDS, verdict, type CpuClock } from './load.ts';
import type { PeerDecision } from './peer-worker.ts';

/** The goal of the peer comparison: Kairos serves at least this many times the peer's req/s. */
export const PEER_GOAL = 2;

/** `POST` the body and return the answer's text; anything but a 200 is a failed benchmark. */
export async function answerOf(url: string, body: string): Promise<string> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return text;
}

/**
 * The variant each slot gets from Kairos and from the peer, as `slot=variant` (`-` for the
 * default). Throws when they differ: the comparison would not be of the same job.
 */
export function sameVariants(kairos: string, peer: string, slots: string[]): string {
  const k = (JSON.parse(kairos) as { decisions: Record<string, { variant?: string }> }).decisions;
  const p = (JSON.parse(peer) as { decisions: Record<string, PeerDecision> }).decisions;
  const a = slots.map((s) => `${s}=${k[s]?.variant ?? '-'}`).join(' ');
  const b = slots.map((s) => `${s}=${p[s]?.variant ?? '-'}`).join(' ');
  if (a !== b) throw new Error(`kairos and the GrowthBook peer disagree on the benchmark body: ${a} vs ${b}`);
  return a;
}

/**
 * Kairos against the GrowthBook peer on one runtime, same server, same load, alternating
 * round by round; prints req/s, the server's CPU per request and the goal's verdict.
 */
export async function peerComparison(label: string, urls: { kairos: string; peer: string }, body: string, slots: string[], cpu: CpuClock): Promise<void> {
  const variants = sameVariants(await answerOf(urls.kairos, body), await answerOf(urls.peer, body), slots);
  const [k, p] = await alternate([urls.kairos, urls.peer], body, { seconds: SECONDS }, ROUNDS, cpu);
  console.log(`${label}: kairos against GrowthBook's SDK on the same job, autocannon 32 connections, ${ROUNDS} × ${SECONDS}s each after a warm-up, median`);
  const row = (name: string, r: { rps: number; cpuUs: number }): void =>
    console.log(`  ${name.padEnd(58)}${r.rps.toFixed(0).padStart(7)} req/s ${r.cpuUs.toFixed(1).padStart(7)} µs CPU/req`);
  row(`kairos POST /v1/decide (${slots.length} slots)`, k!);
  row('GrowthBook peer (new GrowthBook, evalFeature per slot)', p!);
  console.log(`  same variants for the benchmark body: yes (${variants})`);
  const ratio = k!.rps / p!.rps;
  console.log(`  GOAL kairos ≥ ${PEER_GOAL}× the peer's req/s: ${ratio.toFixed(2)}× — ${verdict(ratio >= PEER_GOAL)} (CPU per request: peer/kairos ${(p!.cpuUs / k!.cpuUs).toFixed(2)}×)`);
}
