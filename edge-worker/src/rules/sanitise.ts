/**
 * Turns variant HTML into the node tree that travels to the browser (the SDK
 * builds it with createElement / setAttribute / textContent, never innerHTML),
 * keeping only allow-listed elements and attributes. Runs once per rules
 * version, when rules are compiled; what it removed becomes validation warnings.
 */
import { ElementType, parseDocument } from 'htmlparser2';
import type { ContentNode, ElementNode } from '../protocol/index.ts';
import { ALLOWED_TAGS, DROPPED_TAGS } from '../language/html-policy.ts';
import { filterAttrs } from './sanitise-attrs.ts';

export { sanitiseAttrs, type SanitisedAttrs } from './sanitise-attrs.ts';

/** Deepest element nesting kept; the SDK builds the tree recursively. @default 32 */
export const MAX_HTML_DEPTH = 32;

/** The sanitised tree and a sentence per kind of removal (`removed <script> element`). */
export interface SanitisedHtml {
  nodes: ContentNode[];
  removed: string[];
}

type DomNode = ReturnType<typeof parseDocument>['children'][number];

/** Counts repeated removals so a pasted page does not produce a hundred identical lines. */
class Removals {
  readonly #counts = new Map<string, number>();
  add(sentence: string): void {
    this.#counts.set(sentence, (this.#counts.get(sentence) ?? 0) + 1);
  }
  list(): string[] {
    return [...this.#counts].map(([s, n]) => (n === 1 ? s : `${s} (${n} times)`));
  }
}

/**
 * Parses `html` and keeps what is safe to render. Text stays text: entities are
 * decoded, and `{{tokens}}` are left for decide to fill (always as text).
 * @example sanitiseHtml('<h2 onclick="x()">Hi {{geo.country}}</h2>')
 * // { nodes: [{ e: 'h2', c: [{ t: 'Hi {{geo.country}}' }] }], removed: ['removed attribute onclick on <h2>'] }
 */
export function sanitiseHtml(html: string): SanitisedHtml {
  const removals = new Removals();
  const nodes = convert(parseDocument(html).children, 0, removals);
  return { nodes, removed: removals.list() };
}

function convert(children: DomNode[], depth: number, removals: Removals): ContentNode[] {
  const out: ContentNode[] = [];
  for (const node of children) {
    if (node.type === ElementType.Text) {
      pushText(out, node.data);
    } else if (node.type !== ElementType.Tag && node.type !== ElementType.Script && node.type !== ElementType.Style) {
      removals.add(node.type === ElementType.Comment ? 'removed comment' : 'removed markup declaration');
    } else if (ALLOWED_TAGS.has(node.name)) {
      if (depth >= MAX_HTML_DEPTH) removals.add(`removed elements nested deeper than ${MAX_HTML_DEPTH}`);
      else out.push(element(node.name, node.attribs, node.children, depth, removals));
    } else if (DROPPED_TAGS.has(node.name)) {
      removals.add(`removed <${node.name}> element`);
    } else {
      removals.add(`removed <${node.name}> tag (kept its content)`);
      for (const child of convert(node.children, depth, removals)) {
        if ('t' in child) pushText(out, child.t);
        else out.push(child);
      }
    }
  }
  return out;
}

function element(tag: string, attribs: Record<string, string>, children: DomNode[], depth: number, removals: Removals): ElementNode {
  const { attrs, removed } = filterAttrs(attribs, tag);
  for (const sentence of removed) removals.add(sentence);
  // A button inside a slot must never submit a form of the host page.
  if (tag === 'button') attrs.type = 'button';
  const node: ElementNode = { e: tag };
  if (Object.keys(attrs).length > 0) node.a = attrs;
  const c = convert(children, depth + 1, removals);
  if (c.length > 0) node.c = c;
  return node;
}

/** Adjacent text (left by an unwrapped tag) becomes one text node. */
function pushText(out: ContentNode[], text: string): void {
  const last = out[out.length - 1];
  if (last && 't' in last) last.t += text;
  else out.push({ t: text });
}
