// The debug overlay chunk (kairos-overlay.js), loaded only with `data-debug` or
// `?kairos_debug=1`. Built with DOM calls and CSSOM styles only, so it works under a
// strict CSP and Trusted Types like the core.
import type { Kairos, SlotDecision } from '../types';

const box = (tag: string, css: string, text = ''): HTMLElement => {
  const el = document.createElement(tag);
  el.style.cssText = css;
  el.textContent = text;
  return el;
};

/** One line per slot: what it shows and why. */
export const describe = (d: SlotDecision): string => {
  const r = d.reason;
  return (
    `${d.slot} → ${d.variant ?? 'default'} · ${d.outcome}` +
    (r.rule ? ` · rule ${r.rule}` : '') +
    (r.fields?.length ? ` · reads ${r.fields.join(', ')}` : '') +
    (r.skipped?.length ? ` · skipped ${r.skipped.map((s) => `${s.rule} (${s.why})`).join(', ')}` : '') +
    ` · ${r.id}`
  );
};

/** Shows each slot's decision and reason in a fixed panel, kept current as slots are decided. */
export default function overlay(k: Pick<Kairos, 'decisions' | 'on'>): void {
  const panel = box(
    'aside',
    'position:fixed;right:8px;bottom:8px;z-index:2147483647;max-width:min(560px,90vw);max-height:40vh;overflow:auto;' +
      'background:#111;color:#eee;font:12px/1.4 ui-monospace,monospace;padding:8px 10px;border-radius:6px;box-shadow:0 2px 8px #0006',
  );
  panel.setAttribute('data-kairos-overlay', '');
  panel.setAttribute('aria-label', 'Kairos debug');
  const list = box('ol', 'margin:4px 0 0;padding-left:18px');
  panel.append(box('strong', '', 'Kairos decisions'), list);
  const draw = (): void => {
    list.replaceChildren(
      ...Object.values(k.decisions).map((d) => {
        const li = box('li', 'color:' + (d.variant ? '#8f8' : d.outcome == 'timeout' || d.outcome == 'error' ? '#f88' : '#ccc'), describe(d));
        li.setAttribute('data-slot', d.slot);
        return li;
      }),
    );
    for (const el of document.querySelectorAll<HTMLElement>('[data-kairos-slot]')) {
      const d = k.decisions[el.getAttribute('data-kairos-slot') ?? ''];
      if (d) {
        el.style.outline = '2px dashed ' + (d.variant ? '#2a2' : '#a22');
        el.title = describe(d);
      }
    }
  };
  draw();
  k.on('decision', draw);
  document.body.append(panel);
}
