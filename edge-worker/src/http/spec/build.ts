/** Builders of request specifications: the table reads like the JSON it checks. */
import type { Field, Spec, Wording } from './types.ts';

/** A string of `min` to `max` characters. */
export const str = (max: number, min = 0): Spec => ({ kind: 'string', min, max });
/** A string of `min` to `max` characters that matches `re` (`words` say what it must look like). */
export const pattern = (max: number, min: number, re: RegExp, words: string): Spec => ({ kind: 'string', min, max, pattern: { re, words } });
/** A number in [`min`, `max`]. */
export const num = (min: number, max = Number.MAX_SAFE_INTEGER): Spec => ({ kind: 'number', min, max });
/** A whole number in [`min`, `max`]. */
export const int = (min: number, max = Number.MAX_SAFE_INTEGER): Spec => ({ kind: 'number', min, max, integer: true });
/** One of `values`. */
export const oneOf = (...values: string[]): Spec => ({ kind: 'enum', values });
export const bool = (): Spec => ({ kind: 'boolean' });
/** An array of at most `max` items. */
export const list = (item: Spec, max: number, more: { min?: number; unique?: boolean; words?: Wording } = {}): Spec => ({
  kind: 'list', item, max, min: more.min ?? 0, ...(more.unique ? { unique: true } : {}), ...(more.words ? { words: more.words } : {}),
});
/** An object of free keys (strings of `keyMin` to `keyMax` characters) to `value`, at most `max` keys. */
export const record = (value: Spec, max: number, keys: { max: number; min?: number }, words?: Wording): Spec => ({
  kind: 'record', value, max, keyMax: keys.max, keyMin: keys.min ?? 0, ...(words ? { words } : {}),
});
/** An object of known fields; others are dropped (a newer client may send more). */
export const obj = (fields: Record<string, Spec | Field>): Spec => ({ kind: 'object', fields: normalise(fields), strict: false });
/** An object of known fields; others are refused by name (they are usually typos). */
export const strictObj = (fields: Record<string, Spec | Field>): Spec => ({ kind: 'object', fields: normalise(fields), strict: true });
/** Marks a field as optional (fields are required otherwise). */
export const opt = (spec: Spec): Field => ({ spec, required: false });

function normalise(fields: Record<string, Spec | Field>): Record<string, Field> {
  const out: Record<string, Field> = {};
  for (const [k, f] of Object.entries(fields)) out[k] = 'spec' in f ? f : { spec: f, required: true };
  return out;
}
