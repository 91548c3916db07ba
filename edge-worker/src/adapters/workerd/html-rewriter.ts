import type { RewriteSlots, SlotElement } from '../../proxy/types.ts';

// workerd's built-in streaming rewriter (lol-html); declared here because the core type
// check knows Web Standards only.
declare const HTMLRewriter: new () => {
  on(selector: string, handlers: { element(el: SlotElement): void }): { transform(res: Response): Response };
};

/** Slot rewriting with workerd's HTMLRewriter. */
export const workerdRewriteSlots: RewriteSlots = (res, onSlot) => new HTMLRewriter().on('[data-kairos-slot]', { element: onSlot }).transform(res);
