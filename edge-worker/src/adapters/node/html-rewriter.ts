import { HTMLRewriter } from 'html-rewriter-wasm';
import type { RewriteSlots } from '../../proxy/types.ts';

/**
 * Slot rewriting on Node with html-rewriter-wasm (lol-html, the engine of workerd's
 * HTMLRewriter, compiled to WebAssembly), streamed chunk by chunk like workerd's.
 * The WebAssembly memory is freed when the page ends, fails or the client goes away.
 */
export const nodeRewriteSlots: RewriteSlots = (res, onSlot) => {
  if (!res.body) return res;
  const reader = res.body.getReader();
  let rewriter: HTMLRewriter | undefined;
  const free = (): void => {
    rewriter?.free();
    rewriter = undefined;
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      // The rewriter reuses its output buffer: enqueue a copy.
      rewriter = new HTMLRewriter((chunk) => chunk.length > 0 && controller.enqueue(chunk.slice()));
      rewriter.on('[data-kairos-slot]', { element: onSlot });
    },
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          await rewriter!.end();
          free();
          controller.close();
        } else {
          await rewriter!.write(value);
        }
      } catch (err) {
        free();
        controller.error(err);
      }
    },
    cancel(reason) {
      free();
      return reader.cancel(reason);
    },
  });
  return new Response(body, res);
};
