/** What edge rendering needs from its runtime: the origin's pages and a streaming HTML rewriter. */

/** The part of an element a slot rewrite touches (the same in workerd's HTMLRewriter and html-rewriter-wasm). */
export interface SlotElement {
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  setInnerContent(content: string, options: { html: boolean }): void;
}

/**
 * Streams `res`'s body through a rewriter that calls `onSlot` for every
 * `[data-kairos-slot]` element; headers and status stay as they are.
 */
export type RewriteSlots = (res: Response, onSlot: (el: SlotElement) => void) => Response;

/** Where pages come from in proxy mode: the site's origin server, or the edge's own static files (the demo). */
export type OriginFetch = (req: Request) => Promise<Response>;

/** Options of proxy mode ({@link AppOptions.proxy}). */
export interface ProxyOptions {
  origin: OriginFetch;
  rewrite: RewriteSlots;
  /** How long the origin may take to answer with headers before the edge gives up (504). @default 5000 */
  timeoutMs?: number;
}
