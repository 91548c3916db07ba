import { MAX_SLOTS } from '../../../edge-worker/src/protocol/limits';
import type { State } from '../state';
import { decide } from '../transport/decide';
import { settle, SLOT } from './settle';

/**
 * Decides the slots found since the last call. One request names at most MAX_SLOTS
 * slot ids (the edge refuses more): a larger page goes in several requests, sent at
 * once, each with the same budget from now.
 */
export const flush = (s: State): void => {
  const els = s.pending_;
  const ids = [...new Set(els.map((el) => el.getAttribute(SLOT)!))];
  s.pending_ = [];
  while (ids.length) {
    const batch = ids.splice(0, MAX_SLOTS);
    decide(s, batch, (outcome, res) => {
      for (const el of els) if (batch.includes(el.getAttribute(SLOT)!)) settle(s, el, outcome, res);
    });
  }
};
