/**
 * The allow-list for variant HTML. Anything not listed here is removed, in one
 * of two ways: dropped with its content (code, embedded documents, foreign
 * markup, form controls: their content is never page text), or unwrapped
 * (the tag goes, its allowed children stay: `<form>`, `<font>`, `<center>`,
 * `<label>`, `<main>`, `<details>`, custom elements and unknown tags).
 */

/** Text formatting, headings, lists, links, images, figures, simple tables, buttons. */
export const ALLOWED_TAGS: ReadonlySet<string> = new Set([
  'a', 'abbr', 'address', 'article', 'aside', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'button',
  'caption', 'cite', 'code', 'dd', 'del', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure',
  'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'i', 'img', 'ins', 'kbd', 'li',
  'mark', 'ol', 'p', 'picture', 'pre', 'q', 's', 'samp', 'section', 'small', 'source', 'span',
  'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul',
  'var', 'wbr',
]);

/** Removed together with everything inside them. */
export const DROPPED_TAGS: ReadonlySet<string> = new Set([
  // code and styles
  'script', 'style', 'template', 'noscript', 'noembed', 'noframes', 'xmp', 'plaintext',
  // other documents and plugins
  'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'param', 'portal',
  // foreign markup with its own parsing rules (mutation-XSS territory)
  'svg', 'math',
  // form controls and media whose content is not page text
  'input', 'textarea', 'select', 'option', 'optgroup', 'datalist', 'canvas', 'audio', 'video', 'track',
  'map', 'area',
  // document metadata
  'head', 'title', 'link', 'meta', 'base',
]);

/** Attributes allowed on every kept element (URL ones are checked for their scheme too). */
export const GLOBAL_ATTRS: ReadonlySet<string> = new Set([
  'class', 'id', 'title', 'alt', 'href', 'src', 'srcset', 'width', 'height', 'loading', 'rel',
  'target', 'role', 'lang', 'dir',
]);

/** Extra attributes for some elements. */
export const TAG_ATTRS: Readonly<Record<string, ReadonlySet<string>>> = {
  img: new Set(['sizes', 'decoding']),
  source: new Set(['sizes', 'media', 'type']),
  td: new Set(['colspan', 'rowspan']),
  th: new Set(['colspan', 'rowspan', 'scope']),
  ol: new Set(['start', 'reversed']),
  li: new Set(['value']),
  time: new Set(['datetime']),
  del: new Set(['cite', 'datetime']),
  ins: new Set(['cite', 'datetime']),
  blockquote: new Set(['cite']),
  q: new Set(['cite']),
};

/** Attributes holding one URL. `srcset` holds a list and is checked per candidate. */
export const URL_ATTRS: ReadonlySet<string> = new Set(['href', 'src', 'cite']);

/** `aria-*` and `data-*`, but not `data-kairos-*`: variant content must not declare slots or goals. */
const PATTERN_ATTRS = /^(?:aria-[a-z]+|data-(?!kairos-)[a-z0-9][a-z0-9._-]*)$/;

/** Whether attribute `name` may stay on element `tag` (undefined tag = the slot element itself). */
export function isAllowedAttr(name: string, tag?: string): boolean {
  return GLOBAL_ATTRS.has(name) || PATTERN_ATTRS.test(name) || (tag !== undefined && TAG_ATTRS[tag]?.has(name) === true);
}
