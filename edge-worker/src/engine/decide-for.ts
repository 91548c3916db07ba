import type { DecideRequest, DecideResponse } from '../protocol/index.ts';
import type { RequestMeta } from '../context/types.ts';
import type { CompiledRules } from './types.ts';
import { deriveContext } from '../context/derive.ts';
import { decide, type DecideInput } from './decide.ts';
import { explainMisses } from './explain-misses.ts';
import { banditPick, EMPTY_WEIGHTS, type WeightsSnapshot } from '../learn/snapshot.ts';

/** What only the edge knows about a decide request. */
export interface DecideMeta {
  /** Geo from the platform's request metadata. */
  geo: RequestMeta;
  /** Host of the page decided for (its Origin, else the edge's own host): a referrer from it is internal. */
  pageHost: string;
  /** The decision time, epoch ms. */
  now: number;
  /** Learned bandit weights (a snapshot: deciding never waits for the store). @default equal weights */
  weights?: WeightsSnapshot;
}

/**
 * The one way in to deciding, whatever presents the answer (JSON for the SDK, HTML
 * for edge rendering): signals → context document → one decision per slot, each with
 * its reason. Pure: no I/O, no clock beyond `meta.now`.
 */
export function decideFor(rules: CompiledRules, request: DecideRequest, meta: DecideMeta): DecideResponse {
  const context = deriveContext(request.signals, meta.geo, request.consent, new Date(meta.now), { pageHost: meta.pageHost, siteHosts: rules.siteHosts });
  const input: DecideInput = { visitor: request.visitor, slots: request.slots, context, now: meta.now };
  if (request.signals.exposures) input.exposures = request.signals.exposures;
  if (request.preview) input.preview = request.preview;
  if (request.signals.assigned) input.assigned = request.signals.assigned;
  const weights = meta.weights ?? EMPTY_WEIGHTS;
  input.bandit = (rule) => banditPick(weights, rule, context);
  const t0 = performance.now();
  const decisions = decide(rules, input);
  const engineUs = Math.round((performance.now() - t0) * 1000);
  const res: DecideResponse = { site: rules.site, rulesVersion: rules.version, decisions, engineUs, interestHalfLifeDays: rules.interestHalfLifeDays };
  if (request.debug) {
    res.context = context;
    // Decisions may be shared and frozen: annotated copies replace them.
    const misses = explainMisses(rules, decisions, context);
    for (const slot in misses) decisions[slot] = { ...decisions[slot]!, reason: { ...decisions[slot]!.reason, misses: misses[slot]! } };
  }
  return res;
}
