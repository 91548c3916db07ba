// Import order is byte-tuned: it sets the order of the modules in the bundle, which gzip notices.
import { SLOT } from './settle';
import type { State } from '../state';
import { flush } from './flush';
import { view } from '../views';
import { guard } from '../util';

const CONTENT = 'data-kairos-content';

/**
 * Finds slots and content views in `root`, itself included: a content view is counted
 * once per element and id; a new slot is taken on and waits in `pending_`, decided
 * with the others found in the same task (one microtask later).
 */
export const scan = (s: State, root: Element): void => {
  for (const el of [root, ...root.querySelectorAll(`[${SLOT}],[${CONTENT}]`)]) {
    const id = el.getAttribute(CONTENT);
    if (id && s.seen_.get(el) != id) {
      s.seen_.set(el, id);
      view(s, id, (el.getAttribute('data-kairos-tags') ?? '').split(/\s*,\s*/));
    }
    if (el.hasAttribute(SLOT) && !s.slots.has(el)) {
      if (!s.pending_.length) queueMicrotask(guard(() => flush(s)));
      s.pending_.push(el);
      // Taken on: it waits for a decision (and is not queued twice).
      s.slots.set(el, 0);
    }
  }
};
