import type { Decision } from '../protocol/index.ts';
import { nodesHtml } from '../present/decide-html.ts';
import { DECISION_ATTR, decisionAttr } from './decision-attr.ts';
import type { ClientReason } from './edge-slots.ts';
import type { RewriteSlots, SlotElement } from './types.ts';

/**
 * Sets an attribute to exactly `value`. lol-html (workerd's HTMLRewriter and
 * html-rewriter-wasm alike) writes the value between double quotes escaping only `"`, so
 * an `&` would start a character reference (`&amp;` would read back as `&`): it is escaped here.
 */
function setAttr(el: SlotElement, name: string, value: string): void {
  el.setAttribute(name, value.replaceAll('&', '&amp;'));
}

/**
 * Fills each slot the edge decided while the page streams: the variant's content as HTML
 * (from the sanitised node tree, every value escaped), its attributes, and the decision on
 * the element (`data-kairos-state`, `-variant`, `-rule`, `-reason`, `-outcome`, and
 * `data-kairos-decision`: the decision with its token and the visitor it was signed for,
 * see {@link decisionAttr}), which the SDK reads to track the exposure without deciding again. A slot left to the browser says why in
 * `data-kairos-edge`; the SDK decides it as usual. A slot that fails to render keeps its
 * default content.
 */
export function rewritePage(
  res: Response, rewrite: RewriteSlots, decisions: Record<string, Decision>, client: ReadonlyMap<string, ClientReason>, visitor: string,
): Response {
  return rewrite(res, (el: SlotElement) => {
    try {
      const slot = el.getAttribute('data-kairos-slot') ?? '';
      if (el.getAttribute('data-kairos-state')) return; // decided already (a cached or doubly proxied page)
      const why = client.get(slot);
      if (why) return el.setAttribute('data-kairos-edge', `client:${why}`);
      const d = Object.hasOwn(decisions, slot) ? decisions[slot] : undefined;
      if (!d) return el.setAttribute('data-kairos-edge', 'client:unknown-slot');
      if (d.variant && d.content) {
        if (d.content.nodes) el.setInnerContent(nodesHtml(d.content.nodes), { html: true });
        for (const [k, v] of Object.entries(d.content.attrs ?? {})) setAttr(el, k, v);
        setAttr(el, 'data-kairos-variant', d.variant);
      }
      if (d.rule) setAttr(el, 'data-kairos-rule', d.rule);
      setAttr(el, 'data-kairos-reason', d.reason.id);
      setAttr(el, 'data-kairos-outcome', d.reason.outcome);
      setAttr(el, DECISION_ATTR, decisionAttr(d, visitor));
      el.setAttribute('data-kairos-edge', 'decided');
      el.setAttribute('data-kairos-state', d.variant ? 'decided' : 'default');
    } catch {
      // The rewriter must never break a page: the slot keeps what the origin sent.
    }
  });
}
