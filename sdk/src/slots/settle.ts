import type { State } from '../state';
import type { DecideResponse, Decision, SlotDecision, SlotOutcome } from '../types';
import { render } from './render';
import { log } from '../util';

/** The attribute that names a slot. */
export const SLOT = 'data-kairos-slot';
/** The decision edge rendering made for a slot (proxy mode), as JSON: its content is already in the HTML. */
export const EDGE = 'data-kairos-decision';

/**
 * Settles one slot: applies its decision from `res` (rendering the variant), or without
 * `res` the one edge rendering left in its `data-kairos-decision` (nothing to render),
 * else keeps the default content with `outcome` (`timeout`, `error`); records it; sets
 * `data-kairos-state`, which ends the anti-flicker wait; and dispatches the bubbling
 * `kairos:decision` DOM event that `kairos.on('decision')` listens to.
 *
 * An edge decision's token was signed over the visitor id it names: this page's record
 * takes that id, so its exposure counts. The first scan runs before storage can answer,
 * so a record already stored keeps its own id (and the cookie names it from then on).
 */
export const settle = (s: State, el: Element, outcome: SlotOutcome, res?: DecideResponse): void => {
  const slot = el.getAttribute(SLOT)!;
  let d: (Decision & { visitor?: string }) | undefined;
  let sd: SlotDecision = { slot, outcome, reason: { outcome, id: slot + ':-:' + outcome } };
  try {
    // No attribute: JSON.parse(null) is null.
    d = res ? res.decisions?.[slot] : JSON.parse(el.getAttribute(EDGE)!);
    if (d?.visitor) s.mem.r.id = d.visitor;
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
  // A timeout is reported by the events chunk, from this event or the slot's state.
  el.dispatchEvent(new CustomEvent('kairos:decision', { bubbles: true, detail: sd }));
};
