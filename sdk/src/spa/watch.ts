import { scan } from '../slots/scan';
import type { State } from '../state';
import { guard } from '../util';
import type { Rec } from '../memory/record';

/**
 * Finds slots and content added later without polling (elements added; an attribute
 * changed on an element already there is seen by `refresh()`). An SPA navigation
 * (pushState, replaceState, popstate) shows when the new route renders: the path has
 * changed, so a pageview (`visit`) is counted before its slots are decided. No history
 * patching.
 */
export const watch = (s: State, visit: (r: Rec) => void): void =>
  new MutationObserver(
    guard((ms: MutationRecord[]) => {
      if (location.pathname != s.path_) {
        s.path_ = location.pathname;
        void s.mem.mut(visit);
      }
      for (const m of ms) for (const n of m.addedNodes) if (n.nodeType == 1) scan(s, n as Element);
    }),
  ).observe(document, { childList: true, subtree: true });
