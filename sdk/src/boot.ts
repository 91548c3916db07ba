// The script-tag entry (dist/kairos.js, an IIFE):
//   <script src="https://EDGE/kairos.js" data-site="demo" async></script>
// Reads the tag's data- attributes and installs window.kairos. Never throws: if
// starting fails, the slots show their default content when the CSS timer ends.
import { start } from './start';
import type { Kairos, Options } from './types';

declare global {
  interface Window {
    kairos?: Kairos;
  }
}

try {
  const el = document.currentScript as HTMLScriptElement;
  const src = new URL(el.src);
  // A second copy of the tag keeps the first instance. The endpoint defaults to the
  // script's origin; the lazy chunks live next to the script (https://edge/x/kairos.js → https://edge/x/).
  window.kairos ??= start({ ...el.dataset, base: src.href.replace(/[^/]*$/, '') } as Partial<Options>, src.origin);
} catch {
  // Nothing reaches the page; the anti-flicker CSS timer reveals the default content.
}
