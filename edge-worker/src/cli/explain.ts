import { readFile } from 'node:fs/promises';
import type { ContextDocument, Decision } from '../protocol/index.ts';
import { compileRules } from '../engine/compile.ts';
import { decide } from '../engine/decide.ts';
import { deriveContext } from '../context/derive.ts';
import { prepareRules } from '../rules/prepare.ts';
import { checkRulesFile } from './check.ts';
import { explainMisses } from '../engine/explain-misses.ts';
import { missLine } from './explain-misses.ts';
import { formatIssues } from '../rules/validate.ts';

type Out = Pick<Console, 'log' | 'error'>;

/** Options of `kairos explain`. */
export interface ExplainOptions {
  rulesPath: string;
  /** A context document, partial: missing fields take their defaults. */
  contextPath?: string;
  slots?: string[];
  /** Visitor id for splits and the holdout. @default 'explain' */
  visitor?: string;
  /** ISO instant for schedules. @default now */
  now?: string;
  json?: boolean;
}

function merge(base: unknown, over: unknown): unknown {
  if (!over || typeof over !== 'object' || Array.isArray(over) || !base || typeof base !== 'object' || Array.isArray(base)) return over;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
    out[k] = merge(out[k], v);
  }
  return out;
}

function line(d: Decision): string {
  const r = d.reason;
  const what = d.variant ? `variant "${d.variant}" of rule "${d.rule}"` : 'default content';
  const why: string[] = [`outcome ${r.outcome}`];
  if (r.fields?.length) why.push(`read ${r.fields.join(', ')}`);
  if (r.bucket !== undefined) why.push(`bucket ${r.bucket.toFixed(4)}`);
  for (const s of r.skipped ?? []) why.push(`skipped "${s.rule}" (${s.why})`);
  return `${d.slot}: ${what} — ${why.join('; ')}`;
}

/**
 * Prints which variant each slot gets for a context, and why; for a slot with no variant,
 * every rule tried and the first field that failed. Returns the exit code.
 */
export async function runExplain(opts: ExplainOptions, out: Out): Promise<number> {
  const checked = await checkRulesFile(opts.rulesPath);
  if (!checked.ok) {
    out.error(formatIssues(checked.errors));
    out.error(`${opts.rulesPath}: refused; fix it first (kairos validate)`);
    return 1;
  }
  let given: unknown = {};
  if (opts.contextPath) {
    try {
      given = JSON.parse(await readFile(opts.contextPath, 'utf8'));
    } catch (e) {
      out.error(`error ${opts.contextPath}: cannot read the context (${(e as Error).message})`);
      return 1;
    }
  }
  const now = opts.now ? Date.parse(opts.now) : Date.now();
  if (!Number.isFinite(now)) {
    out.error(`error --now: ${JSON.stringify(opts.now)} is not an ISO date, like 2026-12-24T18:00:00Z`);
    return 1;
  }
  const rules = compileRules(prepareRules(JSON.parse(checked.text)), 'explain');
  const base = deriveContext({}, {}, { personalization: true, analytics: true }, new Date(now));
  const context = merge(base, given) as ContextDocument;
  const slots = opts.slots?.length ? opts.slots : [...rules.slots.keys()];
  const decisions = decide(rules, { visitor: opts.visitor ?? 'explain', slots, context, now });
  const misses = explainMisses(rules, decisions, context);
  if (opts.json) out.log(JSON.stringify({ decisions, misses, context }, null, 2));
  else {
    for (const d of Object.values(decisions)) {
      out.log(line(d));
      for (const m of misses[d.slot] ?? []) out.log(missLine(m));
    }
  }
  return 0;
}
