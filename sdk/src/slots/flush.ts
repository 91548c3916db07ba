import type { State } from '../state';
import { decide } from '../transport/decide';
import { settle, SLOT } from './settle';

/** Decides the slots found since the last call in one request. */
export const flush = (s: State): void => {
  const els = s.pending_;
  s.pending_ = [];
  if (!els.length) return;
  decide(s, [...new Set(els.map((el) => el.getAttribute(SLOT)!))], (outcome, res) => {
    for (const el of els) settle(s, el, outcome, res);
  });
};
