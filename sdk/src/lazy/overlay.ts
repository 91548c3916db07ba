// The debug overlay chunk (kairos-overlay.js), loaded only with `data-debug` or
// `?kairos_debug=1`. Built with DOM calls and CSSOM styles only, so it works under a
// strict CSP and Trusted Types like the core.
//
// It starts collapsed to a one-line bar in the bottom-left corner (where sites put the
// fewest controls: chat buttons and "back to top" sit bottom-right, banners span the
// width), and its box lets clicks through everywhere but on its own buttons and list, so
// the page stays usable under it.
import type { Kairos, SlotDecision } from '../types';

const box = (tag: string, css: string, text = ''): HTMLElement => {
  const el = document.createElement(tag);
  el.style.cssText = css;
  el.textContent = text;
  return el;
};

const BUTTON = 'pointer-events:auto;font:inherit;color:inherit;background:#111;border:1px solid #555;border-radius:6px;margin-right:4px;cursor:pointer';

/** One line per slot: what it shows and why. */
export const describe = (d: SlotDecision): string => {
  const r = d.reason;
  return (
    `${d.slot} → ${d.variant ?? 'default'} · ${d.outcome}` +
    (r.rule ? ` · rule ${r.rule}` : '') +
    (r.fields?.length ? ` · reads ${r.fields.join(', ')}` : '') +
    (r.skipped?.length ? ` · skipped ${r.skipped.map((s) => `${s.rule} (${s.why})`).join(', ')}` : '') +
    (r.previewRefused ? ` · preview refused: ${r.previewRefused}` : '') +
    ` · ${r.id}`
  );
};

/** Why each rule of a slot with no variant did not apply (the edge's debug `reason.misses`). */
export const misses = (d: SlotDecision): string[] =>
  (d.reason.misses ?? []).map((m) =>
    m.why != 'condition'
      ? `${m.rule}: skipped (${m.why})`
      : `${m.rule}: ${m.path.replace(/^.*?\.when/, 'when')}` + ('wanted' in m ? ` wants ${JSON.stringify(m.wanted)}; the context has ${'value' in m ? JSON.stringify(m.value) : 'nothing'}` : ' did not match'),
  );

/** Shows each slot's decision and reason in a panel, kept current as slots are decided. */
export default function overlay(k: Pick<Kairos, 'decisions' | 'on'>): void {
  const panel = box('aside', 'position:fixed;left:8px;bottom:8px;z-index:2147483647;max-width:min(560px,90vw);pointer-events:none;color:#eee;font:12px/1.4 ui-monospace,monospace');
  panel.setAttribute('data-kairos-overlay', '');
  panel.setAttribute('aria-label', 'Kairos debug');
  const list = box('ol', 'pointer-events:auto;max-height:40vh;overflow:auto;margin:0 0 4px;padding:8px 10px 8px 28px;background:#111;border-radius:6px');
  const toggle = box('button', BUTTON);
  const close = box('button', BUTTON, '×');
  close.setAttribute('aria-label', 'Close overlay');
  list.hidden = true;
  const draw = (): void => {
    const all = Object.values(k.decisions);
    const shown = all.filter((d) => d.variant).length;
    toggle.textContent = `Kairos: ${shown} decided, ${all.length - shown} default ${list.hidden ? '▴' : '▾'}`;
    toggle.setAttribute('aria-expanded', '' + !list.hidden);
    const lines = all.map((d) => {
      const li = box('li', 'color:' + (d.variant ? '#8f8' : d.outcome == 'timeout' || d.outcome == 'error' || d.reason.previewRefused ? '#f88' : '#ccc'), describe(d));
      li.setAttribute('data-slot', d.slot);
      const ul = box('ul', 'margin:0;padding-left:16px;color:#aaa');
      for (const w of misses(d)) ul.append(box('li', '', w));
      li.append(ul);
      return li;
    });
    // A preview of a slot the page never asked about: the edge cannot say so, the overlay does.
    for (const pair of new URLSearchParams(location.search).get('kairos_preview')?.split(',') ?? []) {
      const slot = pair.split(':')[0]!;
      if (slot != '_token' && !k.decisions[slot]) lines.push(box('li', 'color:#f88', `preview ${slot}: no such slot on this page`));
    }
    list.replaceChildren(...lines);
    for (const el of document.querySelectorAll<HTMLElement>('[data-kairos-slot]')) {
      const d = k.decisions[el.getAttribute('data-kairos-slot')!];
      if (d) {
        el.style.outline = '2px dashed ' + (d.variant ? '#2a2' : '#a22');
        el.title = describe(d);
      }
    }
  };
  toggle.onclick = () => {
    list.hidden = !list.hidden;
    draw();
  };
  close.onclick = () => panel.remove();
  panel.append(list, toggle, close);
  draw();
  k.on('decision', draw);
  document.body.append(panel);
}
