import type { Content, ContentNode, DecideResponse, Decision } from '../types.ts';

// Compiled rules are frozen (content trees, default decisions) and shared by every
// request, so their JSON is computed once per object; filled content shares its
// token-free nodes with the compiled tree, so only the filled nodes are new text.
// Anything not frozen is fresh per request and is serialised as usual.
const cache = new WeakMap<object, string>();

function cached<T extends object>(value: T, toJson: (v: T) => string): string {
  if (!Object.isFrozen(value)) return toJson(value);
  let s = cache.get(value);
  if (s === undefined) {
    s = toJson(value);
    cache.set(value, s);
  }
  return s;
}

const stringify = (v: unknown): string => JSON.stringify(v);

function nodeJson(n: ContentNode): string {
  if ('t' in n) return cached(n, stringify);
  return cached(n, (el) => {
    let s = `{"e":${JSON.stringify(el.e)}`;
    if (el.a !== undefined) s += `,"a":${cached(el.a, stringify)}`;
    if (el.c !== undefined) s += `,"c":${nodesJson(el.c)}`;
    return `${s}}`;
  });
}

function nodesJson(nodes: ContentNode[]): string {
  return cached(nodes, (list) => `[${list.map(nodeJson).join(',')}]`);
}

function contentJson(content: Content): string {
  return cached(content, (c) => {
    const parts: string[] = [];
    if (c.nodes !== undefined) parts.push(`"nodes":${nodesJson(c.nodes)}`);
    if (c.attrs !== undefined) parts.push(`"attrs":${cached(c.attrs, stringify)}`);
    return `{${parts.join(',')}}`;
  });
}

// Every field of a Decision, in output order; the type check fails when Decision gains one.
const DECISION_KEYS = ['slot', 'variant', 'rule', 'reason', 'content'] as const;
type Unlisted = Exclude<keyof Decision, (typeof DECISION_KEYS)[number]>;
const exhaustive: [Unlisted] extends [never] ? true : never = true;
void exhaustive;

function decisionJson(d: Decision): string {
  return cached(d, () => {
    let s = `{"slot":${JSON.stringify(d.slot)}`;
    if (d.variant !== undefined) s += `,"variant":${JSON.stringify(d.variant)}`;
    if (d.rule !== undefined) s += `,"rule":${JSON.stringify(d.rule)}`;
    s += `,"reason":${JSON.stringify(d.reason)}`;
    if (d.content !== undefined) s += `,"content":${contentJson(d.content)}`;
    return `${s}}`;
  });
}

/**
 * The decide response as JSON text, the same value as `JSON.stringify(res)` but
 * without re-serialising the static variant content on every request (the bulk of
 * the bytes).
 */
export function decideResponseJson(res: DecideResponse): string {
  const { decisions, ...rest } = res;
  let body = '';
  for (const slot in decisions) body += `${body ? ',' : ''}${JSON.stringify(slot)}:${decisionJson(decisions[slot]!)}`;
  const head = JSON.stringify(rest);
  return `${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"decisions":{${body}}}`;
}
