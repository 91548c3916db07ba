import type { Content, DecideResponse, Decision } from '../protocol/index.ts';

/**
 * The decide answer as JSON text: `JSON.stringify(res)`, except that static variant
 * content (most of the bytes) is not serialised again: its JSON was computed once
 * when the rules were compiled (`CompiledRules.contentJson`).
 */
export function decideJson(res: DecideResponse, contentJson: ReadonlyMap<Content, string>): string {
  let decisions = '';
  for (const slot in res.decisions) {
    decisions += `${decisions ? ',' : ''}${JSON.stringify(slot)}:${decisionJson(res.decisions[slot]!, contentJson)}`;
  }
  const { decisions: _, ...head } = res;
  return `${JSON.stringify(head).slice(0, -1)},"decisions":{${decisions}}}`;
}

function decisionJson(d: Decision, contentJson: ReadonlyMap<Content, string>): string {
  const known = d.content && contentJson.get(d.content);
  if (known === undefined) return JSON.stringify(d);
  const { content: _, ...rest } = d;
  return `${JSON.stringify(rest).slice(0, -1)},"content":${known}}`;
}
