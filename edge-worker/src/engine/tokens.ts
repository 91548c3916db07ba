import type { Content, ContentNode } from '../protocol/index.ts';
import { compilePath, type PathReader } from './paths.ts';
import { URL_ATTRS } from '../language/html-policy.ts';
import { unsafeScheme, unsafeSrcset } from '../language/safe-url.ts';
import { TOKEN } from '../language/tokens.ts';

/** Token values are context strings: already bounded, bounded again here for safety. */
const MAX_VALUE = 256;

/** A token's value as text: strings, numbers and booleans only, bounded. */
function tokenText(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v).slice(0, MAX_VALUE) : '';
}

type Filler<T> = (ctx: unknown) => T;

/** A string cut at its tokens: `statics[i]`, value of `readers[i]`, …, then `last`. */
interface Parts {
  statics: string[];
  readers: PathReader[];
  last: string;
}

function partsOf(s: string): Parts | undefined {
  const statics: string[] = [];
  const readers: PathReader[] = [];
  let at = 0;
  for (const m of s.matchAll(TOKEN)) {
    statics.push(s.slice(at, m.index));
    readers.push(compilePath(m[1]!));
    at = m.index + m[0].length;
  }
  return readers.length === 0 ? undefined : { statics, readers, last: s.slice(at) };
}

/** A string with tokens as one closure: split once, so filling runs no regex. */
function compileString(s: string): Filler<string> | undefined {
  const p = partsOf(s);
  if (!p) return undefined;
  const { statics, readers, last } = p;
  return (ctx) => {
    let out = '';
    for (let i = 0; i < readers.length; i++) out += statics[i]! + tokenText(readers[i]!(ctx));
    return out + last;
  };
}

/** A text node with tokens. */
function compileText(s: string): Filler<ContentNode> | undefined {
  const fill = compileString(s);
  return fill && ((ctx) => ({ t: fill(ctx) }));
}

/**
 * A token can carry visitor-controlled text (a UTM value) into a URL attribute,
 * so URL attributes with tokens are checked again after filling: `javascript:` never
 * gets out. Attributes without tokens were checked by the sanitiser and are copied.
 */
function compileAttrs(attrs: Record<string, string>): Filler<Record<string, string>> | undefined {
  const entries = Object.entries(attrs).map(([k, v]) => [k, v, compileString(v)] as const);
  if (entries.every(([, , f]) => f === undefined)) return undefined;
  return (ctx) => {
    const out: Record<string, string> = {};
    for (const [k, v, f] of entries) {
      if (!f) {
        out[k] = v;
        continue;
      }
      const filled = f(ctx);
      // The sanitiser's own URL check, so compile time and fill time agree on what is safe.
      const unsafe = k === 'srcset' ? unsafeSrcset(filled) : URL_ATTRS.has(k) && unsafeScheme(filled);
      out[k] = unsafe ? '#' : filled;
    }
    return out;
  };
}

function compileNode(n: ContentNode): Filler<ContentNode> | undefined {
  if ('t' in n) return compileText(n.t);
  const a = n.a && compileAttrs(n.a);
  const c = n.c && compileNodes(n.c);
  if (!a && !c) return undefined;
  return (ctx) => ({ e: n.e, ...(n.a ? { a: a ? a(ctx) : n.a } : {}), ...(n.c ? { c: c ? c(ctx) : n.c } : {}) });
}

/** Nodes without tokens are shared with the compiled tree, not copied: most of a variant is static. */
function compileNodes(nodes: ContentNode[]): Filler<ContentNode[]> | undefined {
  const fillers = nodes.map(compileNode);
  if (fillers.every((f) => f === undefined)) return undefined;
  return (ctx) => nodes.map((n, i) => (fillers[i] ? fillers[i](ctx) : n));
}

/**
 * Compiles the tokens of a content tree into one closure that fills them from the
 * context document, or `undefined` when the content has none. Values land in text
 * nodes or attribute values that the SDK sets with textContent / setAttribute, so
 * they are escaped by construction — they can never become markup. The filled tree
 * shares every token-free node with `content`, which must therefore never change.
 */
export function compileFiller(content: Content): ((ctx: unknown) => Content) | undefined {
  const nodes = content.nodes && compileNodes(content.nodes);
  const attrs = content.attrs && compileAttrs(content.attrs);
  if (!nodes && !attrs) return undefined;
  return (ctx) => ({
    ...(content.nodes ? { nodes: nodes ? nodes(ctx) : content.nodes } : {}),
    ...(content.attrs ? { attrs: attrs ? attrs(ctx) : content.attrs } : {}),
  });
}
