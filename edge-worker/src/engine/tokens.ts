import type { Content, ContentNode } from '../types.ts';
import { getPath } from './paths.ts';
import { unsafeScheme, unsafeSrcset } from '../rules/safe-url.ts';

/** `{{ dot.path }}` inside text or attribute values. */
const TOKEN = /\{\{\s*([\w$.-]{1,100})\s*\}\}/g;
/** The same, without the global flag: `test` on a global regex moves its lastIndex. */
const HAS_TOKEN = new RegExp(TOKEN.source);
/** Token values are context strings: already bounded, bounded again here for safety. */
const MAX_VALUE = 256;

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

function fill(s: string, ctx: unknown): string {
  return s.replace(TOKEN, (_, path: string) => {
    const v = getPath(ctx, path);
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v).slice(0, MAX_VALUE) : '';
  });
}

const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'poster', 'cite']);

/**
 * A token can carry visitor-controlled text (a UTM value) into a URL attribute,
 * so URL attributes are checked again after filling: `javascript:` never gets out.
 */
function fillAttrs(attrs: Record<string, string>, ctx: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) {
    const filled = fill(v, ctx);
    // The sanitiser's own URL check, so compile time and fill time agree on what is safe.
    const unsafe = k === 'srcset' ? unsafeSrcset(filled) : URL_ATTRS.has(k) && unsafeScheme(filled);
    out[k] = unsafe ? '#' : filled;
  }
  return out;
}

function fillNodes(nodes: ContentNode[], ctx: unknown): ContentNode[] {
  return nodes.map((n) =>
    't' in n ? { t: fill(n.t, ctx) } : { e: n.e, ...(n.a ? { a: fillAttrs(n.a, ctx) } : {}), ...(n.c ? { c: fillNodes(n.c, ctx) } : {}) },
  );
}

/**
 * Fills tokens from the context document. Values land in text nodes or attribute
 * values that the SDK sets with textContent / setAttribute, so they are escaped by
 * construction — they can never become markup.
 */
export function fillContent(content: Content, ctx: unknown): Content {
  return {
    ...(content.nodes ? { nodes: fillNodes(content.nodes, ctx) } : {}),
    ...(content.attrs ? { attrs: fillAttrs(content.attrs, ctx) } : {}),
  };
}
