import type { Content, ContentNode, DecideResponse, Decision, Reason } from '../types.ts';
import { asciiJson, jsonKnown } from '../engine/ascii-json.ts';
import { oneByte } from '../engine/one-byte.ts';

// Compiled rules are frozen (content trees, default decisions) and shared by every
// request, so their JSON is computed once per object; filled content shares its
// token-free nodes with the compiled tree, so only the filled nodes are new text.
// Anything not frozen is fresh per request and is serialised as usual, unless the
// filler recorded its JSON as it built it (text with tokens).
const cache = new WeakMap<object, string>();

function cached<T extends object>(value: T, toJson: (v: T) => string): string {
  if (!Object.isFrozen(value)) return jsonKnown(value) ?? toJson(value);
  let s = cache.get(value);
  if (s === undefined) {
    s = oneByte(toJson(value));
    cache.set(value, s);
  }
  return s;
}

// The serialisers below are module functions, not arrows made per call: this runs for
// every node of every answer.
function elementJson(el: Exclude<ContentNode, { t: string }>): string {
  let s = `{"e":${asciiJson(el.e)}`;
  if (el.a !== undefined) s += `,"a":${cached(el.a, asciiJson)}`;
  if (el.c !== undefined) s += `,"c":${nodesJson(el.c)}`;
  return `${s}}`;
}

function nodeJson(n: ContentNode): string {
  return 't' in n ? cached(n, asciiJson) : cached(n, elementJson);
}

function listJson(list: ContentNode[]): string {
  return `[${list.map(nodeJson).join(',')}]`;
}

function nodesJson(nodes: ContentNode[]): string {
  return cached(nodes, listJson);
}

function contentText(c: Content): string {
  const parts: string[] = [];
  if (c.nodes !== undefined) parts.push(`"nodes":${nodesJson(c.nodes)}`);
  if (c.attrs !== undefined) parts.push(`"attrs":${cached(c.attrs, asciiJson)}`);
  return `{${parts.join(',')}}`;
}

function contentJson(content: Content): string {
  return cached(content, contentText);
}

// Every field of a Decision and of a Reason, in output order; the type check fails
// when either gains a field that the serialisers below would leave out.
const DECISION_KEYS = ['slot', 'variant', 'rule', 'reason', 'content', 'token'] as const;
const REASON_KEYS = ['outcome', 'id', 'rule', 'fields', 'bucket', 'skipped', 'previewRefused'] as const;
type Unlisted = Exclude<keyof Decision, (typeof DECISION_KEYS)[number]> | Exclude<keyof Reason, (typeof REASON_KEYS)[number]>;
const exhaustive: [Unlisted] extends [never] ? true : never = true;
void exhaustive;

/** Everything a decision's JSON says before its bucket: the same for all of a rule's decisions of one variant. */
interface Head {
  slot: string;
  variant: string | undefined;
  rule: string | undefined;
  outcome: string;
  reasonRule: string | undefined;
  text: string;
}

function headText(d: Decision): string {
  const r = d.reason;
  let s = `{"slot":${asciiJson(d.slot)}`;
  if (d.variant !== undefined) s += `,"variant":${asciiJson(d.variant)}`;
  if (d.rule !== undefined) s += `,"rule":${asciiJson(d.rule)}`;
  s += `,"reason":{"outcome":${asciiJson(r.outcome)},"id":${asciiJson(r.id)}`;
  if (r.rule !== undefined) s += `,"rule":${asciiJson(r.rule)}`;
  if (r.fields !== undefined) s += `,"fields":${cached(r.fields, asciiJson)}`;
  return s;
}

// Keyed by a rule's frozen field list (one per rule and rules version), then by reason id;
// an entry is used only when every part of the head matches, else it is rebuilt.
const heads = new WeakMap<readonly string[], Map<string, Head>>();

function headOf(d: Decision): string {
  const r = d.reason;
  if (r.fields === undefined || !Object.isFrozen(r.fields)) return headText(d);
  let byId = heads.get(r.fields);
  if (byId === undefined) heads.set(r.fields, (byId = new Map()));
  const h = byId.get(r.id);
  if (h && h.slot === d.slot && h.variant === d.variant && h.rule === d.rule && h.outcome === r.outcome && h.reasonRule === r.rule) return h.text;
  const text = oneByte(headText(d));
  byId.set(r.id, { slot: d.slot, variant: d.variant, rule: d.rule, outcome: r.outcome, reasonRule: r.rule, text });
  return text;
}

function decisionText(d: Decision): string {
  const r = d.reason;
  let s = headOf(d);
  if (r.bucket !== undefined) s += `,"bucket":${numberJson(r.bucket)}`;
  if (r.skipped !== undefined) s += `,"skipped":${asciiJson(r.skipped)}`;
  if (r.previewRefused !== undefined) s += `,"previewRefused":${asciiJson(r.previewRefused)}`;
  s += '}';
  if (d.content !== undefined) s += `,"content":${contentJson(d.content)}`;
  if (d.token !== undefined) s += `,"token":${asciiJson(d.token)}`;
  return `${s}}`;
}

/** Fixed decisions (no match, holdout) are frozen and their JSON kept; the others are fresh. */
function decisionJson(d: Decision): string {
  return Object.isFrozen(d) ? cached(d, decisionText) : decisionText(d);
}

const RESPONSE_KEYS = ['site', 'rulesVersion', 'decisions', 'engineUs', 'interestHalfLifeDays', 'context'] as const;
const allKeys: [Exclude<keyof DecideResponse, (typeof RESPONSE_KEYS)[number]>] extends [never] ? true : never = true;
void allKeys;

/**
 * The decide response as JSON text in ASCII, the same value as `JSON.stringify(res)`
 * but without re-serialising the static variant content on every request (the bulk
 * of the bytes).
 */
export function decideResponseJson(res: DecideResponse): string {
  let s = `${prefixOf(res)}${numberJson(res.engineUs)},"interestHalfLifeDays":${numberJson(res.interestHalfLifeDays)}`;
  if (res.context !== undefined) s += `,"context":${asciiJson(res.context)}`;
  s += ',"decisions":{';
  let first = true;
  for (const slot in res.decisions) {
    s += `${first ? '' : ','}${slotKey(slot)}${decisionJson(res.decisions[slot]!)}`;
    first = false;
  }
  return `${s}}}`;
}

/** A finite number's JSON is its string form, and ASCII; other numbers are `null` in JSON. */
function numberJson(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

// Site and rules version change with the rules only: their JSON is kept for the last pair.
let prefix = { site: '', version: '', text: '' };

function prefixOf(res: DecideResponse): string {
  if (res.site !== prefix.site || res.rulesVersion !== prefix.version || prefix.text === '') {
    prefix = { site: res.site, version: res.rulesVersion, text: oneByte(`{"site":${asciiJson(res.site)},"rulesVersion":${asciiJson(res.rulesVersion)},"engineUs":`) };
  }
  return prefix.text;
}

// Slot ids repeat on every request; ids a request makes up are bounded by clearing.
const slotKeys = new Map<string, string>();

function slotKey(slot: string): string {
  let key = slotKeys.get(slot);
  if (key === undefined) {
    if (slotKeys.size >= 4096) slotKeys.clear();
    slotKeys.set(slot, (key = oneByte(`${asciiJson(slot)}:`)));
  }
  return key;
}
