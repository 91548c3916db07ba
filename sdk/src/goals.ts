import type { State } from './state';
import { track } from './track';

/** Records a conversion of `goal`. */
export const convert = (s: State, goal: unknown, opts?: { value?: number }): unknown =>
  track(s, { type: 'conversion', goal: (goal + '').slice(0, 100), value: opts?.value });
