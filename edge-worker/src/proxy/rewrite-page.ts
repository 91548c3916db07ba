import type { Decision } from '../protocol/index.ts';
import { nodesHtml } from '../present/decide-html.ts';
import type { ClientReason } from './edge-slots.ts';
import type { RewriteSlots, SlotElement } from './types.ts';

/**
 * Fills each slot the edge decided while the page streams: the variant's content as HTML
 * (from the sanitised node tree, every value escaped), its attributes, and the decision on
 * the element (`data-kairos-state`, `-variant`, `-rule`, `-reason`), which the SDK reads to
 * track the exposure without deciding again. A slot left to the browser says why in
 * `data-kairos-edge`; the SDK decides it as usual. A slot that fails to render keeps its
 * default content.
 */
export function rewritePage(
  res: Response, rewrite: RewriteSlots, decisions: Record<string, Decision>, client: ReadonlyMap<string, ClientReason>,
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
        for (const [k, v] of Object.entries(d.content.attrs ?? {})) el.setAttribute(k, v);
        el.setAttribute('data-kairos-variant', d.variant);
      }
      if (d.rule) el.setAttribute('data-kairos-rule', d.rule);
      el.setAttribute('data-kairos-reason', d.reason.id);
      el.setAttribute('data-kairos-outcome', d.reason.outcome);
      el.setAttribute('data-kairos-edge', 'decided');
      el.setAttribute('data-kairos-state', d.variant ? 'decided' : 'default');
    } catch {
      // The rewriter must never break a page: the slot keeps what the origin sent.
    }
  });
}
