import type { Content, ContentNode } from '../types';

// Defence in depth: the edge sanitises variant HTML when it compiles the rules
// (edge-worker/src/rules/html-policy.ts) and sends a node tree; the SDK builds only
// the same tags and attributes, and never a javascript:, data: or vbscript: URL. It
// carries no HTML parser and no sanitiser. (Regexes rather than lists: bytes.)
export const TAG =
  /^(a(bbr|ddress|rticle|side)?|b(di|do|lockquote|r|utton)?|c(aption|ite|ode)|d(d|el|fn|iv|l|t)|em|fig(caption|ure)|footer|h[1-6r]|header|i(mg|ns)?|kbd|li|mark|ol|p(icture|re)?|q|s(amp|ection|mall|ource|pan|trong|u[bp])?|t(able|body|[dhr]|foot|head|ime)|ul?|var|wbr)$/;
const ATTR =
  /^(class|id|title|alt|href|srcset|src|width|height|loading|rel|target|role|lang|dir|sizes|decoding|media|type|colspan|rowspan|scope|start|reversed|value|datetime|cite|aria-[a-z]+|data-(?!kairos-)[a-z0-9][\w.-]*)$/;

/** Whether an attribute may be set: allow-listed (`aria-*`, `data-*` but not `data-kairos-*`) and not a script URL. */
export const attrOk = (name: string, value: string): boolean =>
  // Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
  ATTR.test(name) && !(/^(href|src|srcset|cite)$/.test(name) && /(^|,)(javascript|data|vbscript):/i.test(value.replace(/[\0- ]/g, '')));

const attrs = (el: Element, a: Record<string, string> | undefined): void => {
  for (const k in a) if (attrOk(k, a[k]!)) el.setAttribute(k, a[k]!);
};

/** Appends a content tree to `p`: text as text nodes, elements only with an allowed tag (else left out, children too). */
export const build = (nodes: ContentNode[], p: ParentNode): void => {
  for (const n of nodes)
    if ('t' in n) p.append(n.t);
    else if (TAG.test(n.e)) {
      const el = document.createElement(n.e);
      attrs(el, n.a);
      build(n.c ?? [], el);
      p.append(el);
    }
};

/** Renders content into a slot: its nodes replace the slot's children (when given), its attrs are set on the slot. */
export const render = (slot: Element, c: Content): void => {
  if (c.nodes) {
    const f = document.createDocumentFragment();
    build(c.nodes, f);
    slot.replaceChildren(f);
  }
  attrs(slot, c.attrs);
};
