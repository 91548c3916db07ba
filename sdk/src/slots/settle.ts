import type { State } from '../state';
import { track } from '../track';
import type { DecideResponse, SlotDecision, SlotOutcome } from '../types';
import { log } from '../util';
import { render } from './render';

/** The attribute that names a slot. */
export const SLOT = 'data-kairos-slot';

/**
 * Settles one slot: applies its decision from `res` (rendering the variant), or keeps
 * the default content with `outcome` (`timeout`, `error`); records it; sets
 * `data-kairos-state`, which ends the anti-flicker wait; and dispatches the bubbling
 * `kairos:decision` DOM event that `kairos.on('decision')` listens to.
 */
export const settle = (s: State, el: Element, outcome: SlotOutcome, res?: DecideResponse): void => {
  const slot = el.getAttribute(SLOT)!;
  const d = res?.decisions?.[slot];
  let sd: SlotDecision = { slot, outcome, reason: { outcome, id: slot + ':-:' + outcome } };
  try {
    if (d?.reason?.id) {
      if (d.variant && d.content) render(el, d.content);
      sd = { ...d, outcome: d.reason.outcome };
    }
  } catch (e) {
    log(e);
  }
  s.slots.set(el, sd);
  s.decisions[slot] = sd;
  el.setAttribute('data-kairos-state', outcome == 'timeout' ? outcome : sd.variant ? 'decided' : 'default');
  el.dispatchEvent(new CustomEvent('kairos:decision', { bubbles: true, detail: sd }));
  if (outcome == 'timeout') track(s, { type: outcome, slot, reason: sd.reason.id });
};
