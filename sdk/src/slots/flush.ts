import { MAX_SLOTS } from '../../../edge-worker/src/protocol/limits';
import type { State } from '../state';
import { decide } from '../transport/decide';
import { EDGE, settle, SLOT } from './settle';

/**
 * Decides the slots found since the last call: those edge rendering decided from the
 * decision it left on them, the others with the edge. One request names at most MAX_SLOTS
 * slot ids (the edge refuses more): a larger page goes in batches of at most
 * MAX_SLOTS elements, sent at once, each with the same budget from now.
 */
export const flush = (s: State): void => {
  // Slots edge rendering decided settle at once, without a request.
  const els = s.pending_.filter((el) => !el.hasAttribute(EDGE) || settle(s, el, 'error'));
  s.pending_ = [];
  while (els.length) {
    const batch = els.splice(0, MAX_SLOTS);
    decide(s, [...new Set(batch.map((el) => el.getAttribute(SLOT)!))], (outcome, res) => {
      for (const el of batch) settle(s, el, outcome, res);
    });
  }
};
