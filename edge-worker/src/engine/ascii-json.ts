import { oneByte } from './one-byte.ts';

// Decide answers are written in ASCII, non-ASCII characters as \u escapes: the runtime
// then sends the text as one-byte characters and UTF-8 encoding it is a plain copy. In
// workerd a decide-sized answer with a few "€" or "—" in two-byte form cost about a
// tenth of the route's throughput. The JSON value is the same.
const HAS_NON_ASCII = /[\u0080-\uffff]/;
const NON_ASCII = /[\u0080-\uffff]/g;
const escape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `JSON.stringify(v)` in ASCII only, as a one-byte string. */
export function asciiJson(v: unknown): string {
  const s = JSON.stringify(v);
  return HAS_NON_ASCII.test(s) ? oneByte(s.replace(NON_ASCII, escape)) : s;
}

/** The inside of a JSON string literal for `s`, in ASCII: `a"b` → `a\"b`. */
export function asciiJsonChars(s: string): string {
  return asciiJson(s).slice(1, -1);
}

// Text filled per request knows its JSON as it is built (from parts escaped once, at
// compile time), so the serialiser need not escape it again.
const known = new WeakMap<object, string>();

/** Records the JSON text of a fresh object; `jsonKnown` gives it back. */
export function rememberJson(value: object, json: string): void {
  known.set(value, json);
}

/** The JSON text recorded for `value`, if any. */
export function jsonKnown(value: object): string | undefined {
  return known.get(value);
}
