/**
 * Checks a variant's content: it has some, it is not ambiguous, its tokens name
 * real context fields, and what the sanitiser would remove is reported as
 * warnings (the file is still accepted: the removed parts are simply not shown).
 */
import { tokenFields } from '../language/tokens.ts';
import { isKnownField, nearestField } from './fields.ts';
import { IssueList, isPlainObject, type Path } from './issues.ts';
import { sanitiseAttrs, sanitiseHtml } from './sanitise.ts';

/** Checks the variant object at `at` (its shape has been checked by the schema). */
export function checkVariantContent(variant: Record<string, unknown>, at: Path, issues: IssueList): void {
  const { text, html, attrs } = variant;
  const hasAttrs = isPlainObject(attrs) && Object.keys(attrs).length > 0;
  if (text === undefined && html === undefined && !hasAttrs) {
    issues.error(at, 'has no content: give it text, html or attrs');
  }
  if (text !== undefined && html !== undefined) {
    issues.error([...at, 'html'], 'a variant has either text or html, not both; keep one');
  }
  if (typeof text === 'string') checkTokens(text, [...at, 'text'], issues);
  if (typeof html === 'string') {
    checkTokens(html, [...at, 'html'], issues);
    const { nodes, removed } = sanitiseHtml(html);
    for (const sentence of removed) issues.warning([...at, 'html'], sentence);
    if (nodes.length === 0 && html.trim() !== '') issues.warning([...at, 'html'], 'nothing is left after sanitising: the slot would be emptied');
  }
  if (isPlainObject(attrs)) {
    const strings = Object.fromEntries(Object.entries(attrs).filter((e): e is [string, string] => typeof e[1] === 'string'));
    for (const [name, value] of Object.entries(strings)) checkTokens(value, [...at, 'attrs', name], issues);
    for (const sentence of sanitiseAttrs(strings).removed) issues.warning([...at, 'attrs'], sentence);
  }
}

/** Every `{{token}}` must name a context field, or it would always render empty. */
function checkTokens(source: string, at: Path, issues: IssueList): void {
  const fields = new Set(tokenFields(source));
  for (const field of fields) {
    if (isKnownField(field)) continue;
    const hint = nearestField(field);
    issues.error(at, `the token {{${field}}} names no context field${hint ? `; did you mean {{${hint}}}?` : ''}`);
  }
}
