import type { State } from '../state';
import type { Decisions } from '../types';
import { guard } from '../util';
import { flush } from './flush';
import { scan } from './scan';

/** Scans the whole page, decides what is new, and resolves with every decision once every request so far has settled. */
export const refresh = (s: State): Promise<Decisions> => {
  guard(scan)(s, document.documentElement);
  guard(flush)(s);
  return s.settled_.then(() => ({ ...s.decisions }));
};
