import type { ContentNode } from '../protocol/index.ts';

// Elements that have no end tag in HTML.
const VOID = new Set(['area', 'br', 'col', 'embed', 'hr', 'img', 'input', 'source', 'track', 'wbr']);

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML: escaped, so a value can never become markup. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * A content tree as HTML, for edge rendering. The tree was sanitised when the rules were
 * compiled (tags and attributes from the allow-list, safe URLs) and token values were
 * filled as text, so every text and attribute value is escaped here and nothing else is
 * trusted; tag and attribute names come from the allow-list only.
 */
export function nodesHtml(nodes: readonly ContentNode[]): string {
  let out = '';
  for (const n of nodes) {
    if ('t' in n) {
      out += escapeHtml(n.t);
      continue;
    }
    out += `<${n.e}`;
    for (const [k, v] of Object.entries(n.a ?? {})) out += ` ${k}="${escapeHtml(v)}"`;
    out += '>';
    if (VOID.has(n.e)) continue;
    out += `${nodesHtml(n.c ?? [])}</${n.e}>`;
  }
  return out;
}
