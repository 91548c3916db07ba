import type { Kairos } from '../types';
import { guard } from '../util';

/**
 * A click on (or inside) a `[data-kairos-goal]` element converts its goal. Clicks made
 * before this chunk ran wait in `clicks` (the core records their targets from its
 * start, so none is lost); they are converted first, then `clicks` becomes the handler
 * itself, so the core's listener hands each later click straight to it.
 */
export const watchGoals = (h: { clicks: { push(t: EventTarget | null): unknown } }, k: Kairos): void => {
  const goal = guard((t: EventTarget | null): void => {
    const g = (t as Element | null)?.closest?.<HTMLElement>('[data-kairos-goal]');
    if (g) k.convert(g.dataset.kairosGoal!);
  });
  (h.clicks as (EventTarget | null)[]).forEach(goal);
  h.clicks = { push: goal };
};
