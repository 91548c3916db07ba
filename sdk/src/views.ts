import { addView } from './memory/record';
import type { State } from './state';
import { now } from './util';

/** Counts a content view in the visitor's memory (personalization consent only). */
export const view = (s: State, id: unknown, tags: string[]): unknown =>
  s.consent_.personalization && id && s.mem.mut((r) => addView(r, id + '', tags.filter(Boolean), now(), s.halfLife_));
