/**
 * Finds slots and content added later without polling (elements added; an attribute
 * changed on an element already there is seen by `refresh()`). An SPA navigation
 * (pushState, replaceState, popstate) shows when the new route renders: `route` counts
 * its pageview before its slots are decided. No history patching.
 *
 * Runs in the watch chunk, after the first decisions: it first catches up with what
 * happened before it ran (a route changed, slots or content added), so nothing is missed.
 *
 * @param route Counts a pageview if the path changed since the last one.
 * @param scan Takes on the slots and content views in an element, itself included.
 */
export const watch = (route: () => unknown, scan: (root: Element) => unknown): void => {
  new MutationObserver((ms) => {
    route();
    for (const m of ms) for (const n of m.addedNodes) if (n.nodeType == 1) scan(n as Element);
  }).observe(document, { childList: true, subtree: true });
  route();
  scan(document.documentElement);
};
