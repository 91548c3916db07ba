import { getPath } from '../engine/paths.ts';
import type { ContextDocument } from '../protocol/index.ts';

/** The context fields a bandit learns per combination of, unless its rule names others. */
export const DEFAULT_SEGMENT_FIELDS: readonly string[] = Object.freeze(['device.type', 'time.daypart', 'referrer.type']);
/** Days a visitor keeps the bandit variant first shown to them, unless the rule says otherwise. */
export const DEFAULT_STICKY_DAYS = 7;
/** Most fields one rule may segment by: each one multiplies the segments to learn. */
export const MAX_SEGMENT_FIELDS = 4;
/** A value is cut to this length in the key, so keys stay short whatever the context holds. */
const MAX_VALUE = 40;
/** The one segment of a rule with `"segment": []` (a bandit that ignores the context). */
export const ALL_SEGMENT = '*';

/**
 * The segment of a context for the given fields: their values joined with `|`
 * (`mobile|evening|search`), `-` for a missing one. Values are cut and stripped of `|`,
 * so the key is unambiguous and bounded.
 */
export function segmentKey(fields: readonly string[], context: ContextDocument): string {
  if (fields.length === 0) return ALL_SEGMENT;
  let key = '';
  for (let i = 0; i < fields.length; i++) {
    const v = getPath(context, fields[i]!);
    const s = v === undefined || v === null || v === '' ? '-' : String(v).replaceAll('|', '/').slice(0, MAX_VALUE);
    key += i ? `|${s}` : s;
  }
  return key;
}
