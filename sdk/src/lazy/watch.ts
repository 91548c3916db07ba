// The watch chunk (kairos-watch.js), loaded after the first decisions whatever the
// consent: nothing in it is needed to decide or render the page's first slots, so it
// stays out of the core's size budget. It watches for slots added later, SPA routes and
// goal clicks; keeps the QA flags for the tab's session; sets the cookies edge rendering
// reads (personalization consent); loads the events chunk once the visitor has given any
// consent (both again when consent changes) and the debug overlay in debug mode.
import { watch } from '../spa/watch';
import { cookies } from './cookies';
import { watchGoals } from './goals';
import { keepQa } from './qa';
import type { Rec } from '../memory/record';
import type { Kairos } from '../types';
import { guard } from '../util';
import type { Hooks, Raw } from './events';

/** What the core hands to the watch chunk (names not mangled: the core is built apart). */
export interface WatchHooks extends Hooks {
  /** Records an event: into `buf` until the events chunk replaces it. */
  send: (e: Raw) => unknown;
  /** The path of the current route (an SPA navigation changes it). */
  path: string;
  /** Counts a pageview of the route at `path` (set by the core once it has started). */
  visit?: (r: Rec) => void;
  /** Takes on the slots and content views in an element, itself included. */
  scan: (root: Element) => unknown;
  /** Targets of the clicks made before this chunk ran (see watchGoals), then its handler. */
  clicks: { push(t: EventTarget | null): unknown };
}

type Events = { default: (h: Hooks) => [(e: Raw) => unknown, () => unknown] };
type Overlay = { default: (k: Kairos) => void };

// The other chunks live next to this one, with the same version: kairos-watch.js?v=… → kairos-events.js?v=…
const chunk = <M>(name: string): Promise<M | void> =>
  import(/* @vite-ignore */ /* webpackIgnore: true */ import.meta.url.replace('watch', name)).catch(() => {});

/**
 * Starts watching the page. Returns the function the core calls whenever consent may
 * have changed.
 */
export default function later(h: WatchHooks, k: Kairos): () => void {
  // An SPA navigation: the path changed since the last pageview, so the new route counts one.
  const route = (): unknown => location.pathname != h.path && ((h.path = location.pathname), h.mem.mut(h.visit!));
  watch(guard(route), guard(h.scan));
  watchGoals(h, k);
  keepQa();
  if (h.o.debug) void chunk<Overlay>('overlay').then((m) => m && guard(m.default)(k));
  let loaded = 0;
  let vitals = (): unknown => 0;
  const again = (): void => {
    vitals();
    cookies(h);
    const c = h.consent();
    if (!loaded && (c.personalization || c.analytics)) {
      loaded = 1;
      void chunk<Events>('events').then((m) => m && ([h.send, vitals] = m.default(h)));
    }
  };
  again();
  return again;
}
