import type { Content, DecideResponse, Decision } from '../types.ts';

// Compiled variants share one Content object across every decision, so its JSON is
// computed once per rules version; token-filled content is fresh and stringified as usual.
const contentJson = new WeakMap<Content, string>();

function jsonOfContent(content: Content): string {
  let s = contentJson.get(content);
  if (s === undefined) {
    s = JSON.stringify(content);
    contentJson.set(content, s);
  }
  return s;
}

function jsonOfDecision(d: Decision): string {
  if (!d.content) return JSON.stringify(d);
  const { content, ...rest } = d;
  const head = JSON.stringify(rest);
  return `${head.slice(0, -1)},"content":${jsonOfContent(content)}}`;
}

/**
 * The decide response as JSON text, the same as `JSON.stringify(res)` but without
 * re-serialising the static variant content on every request (the bulk of the bytes).
 */
export function decideResponseJson(res: DecideResponse): string {
  const { decisions, ...rest } = res;
  const parts: string[] = [];
  for (const slot in decisions) parts.push(`${JSON.stringify(slot)}:${jsonOfDecision(decisions[slot]!)}`);
  const head = JSON.stringify(rest);
  return `${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"decisions":{${parts.join(',')}}}`;
}
