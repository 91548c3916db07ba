/** The token syntax of variant content: `{{dot.path}}` into the context document, always escaped. */
import type { Content, ContentNode } from '../protocol/index.ts';

/** `{{ dot.path }}` inside text or attribute values. */
export const TOKEN = /\{\{\s*([\w$.-]{1,100})\s*\}\}/g;
/** The same, without the global flag: `test` on a global regex moves its lastIndex. */
const HAS_TOKEN = new RegExp(TOKEN.source);

/** True when a string holds at least one token. */
export function hasTokens(s: string): boolean {
  return HAS_TOKEN.test(s);
}

/** The dot paths the tokens in `s` read. */
export function tokenFields(s: string): string[] {
  return [...s.matchAll(TOKEN)].map((m) => m[1]!);
}

/** Every token path used anywhere in a content tree. */
export function contentTokenFields(content: Content): string[] {
  const out: string[] = [];
  const walk = (nodes: ContentNode[] | undefined): void => {
    for (const n of nodes ?? []) {
      if ('t' in n) out.push(...tokenFields(n.t));
      else {
        for (const v of Object.values(n.a ?? {})) out.push(...tokenFields(v));
        walk(n.c);
      }
    }
  };
  walk(content.nodes);
  for (const v of Object.values(content.attrs ?? {})) out.push(...tokenFields(v));
  return out;
}
