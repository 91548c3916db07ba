/**
 * Attribute rules shared by variant HTML and a variant's `attrs`: allow-listed
 * names only, no event handlers or inline styles, no unsafe URL schemes, and
 * `target="_blank"` links that cannot reach back to the page (rel=noopener).
 */
import { isAllowedAttr, URL_ATTRS } from '../language/html-policy.ts';
import { unsafeScheme, unsafeSrcset } from '../language/safe-url.ts';

/** Attributes that survived, and a sentence for each one that did not. */
export interface SanitisedAttrs {
  attrs: Record<string, string>;
  removed: string[];
}

const SAFE_REL = ['noopener', 'noreferrer'];

/**
 * Filters the attributes of element `tag` (or of the slot element itself when
 * `tag` is undefined). Names are lower-cased, as the DOM does for HTML elements.
 */
export function filterAttrs(source: Record<string, unknown>, tag?: string): SanitisedAttrs {
  const where = tag === undefined ? 'on the slot element' : `on <${tag}>`;
  const attrs: Record<string, string> = {};
  const removed: string[] = [];
  for (const [rawName, value] of Object.entries(source)) {
    const name = rawName.toLowerCase();
    if (typeof value !== 'string' || !isAllowedAttr(name, tag)) {
      removed.push(`removed attribute ${rawName} ${where}`);
      continue;
    }
    const scheme = URL_ATTRS.has(name) ? unsafeScheme(value) : name === 'srcset' ? unsafeSrcset(value) : null;
    if (scheme) {
      removed.push(`removed ${scheme}: URL in ${name} ${where}`);
      continue;
    }
    attrs[name] = value;
  }
  // A new tab opened without noopener could navigate this page (reverse tabnabbing).
  if (attrs.target?.trim().toLowerCase() === '_blank') {
    const rel = new Set((attrs.rel ?? '').toLowerCase().split(/\s+/).filter(Boolean));
    for (const token of SAFE_REL) rel.add(token);
    attrs.rel = [...rel].join(' ');
  }
  return { attrs, removed };
}

/**
 * Sanitises a variant's `attrs` (set on the slot element) with the same rules as
 * attributes inside variant HTML.
 * @example sanitiseAttrs({ href: 'javascript:alert(1)', class: 'promo' })
 * // { attrs: { class: 'promo' }, removed: ['removed javascript: URL in href on the slot element'] }
 */
export function sanitiseAttrs(attrs: Record<string, string>): SanitisedAttrs {
  return filterAttrs(attrs);
}
