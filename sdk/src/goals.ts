import type { State } from './state';
import { track } from './track';
import { guard } from './util';

/** Records a conversion of `goal`. */
export const convert = (s: State, goal: unknown, opts?: { value?: number }): unknown =>
  track(s, { type: 'conversion', goal: (goal + '').slice(0, 100), value: opts?.value });

/** A click on (or inside) a `[data-kairos-goal]` element converts its goal. */
export const watchGoals = (s: State): void =>
  document.addEventListener(
    'click',
    guard((e: Event) => {
      const g = (e.target as Element).closest?.<HTMLElement>('[data-kairos-goal]');
      if (g) convert(s, g.dataset.kairosGoal);
    }),
    true,
  );
