/**
 * Dot-path reading over a context document, split once and walked over own
 * properties only, so a rule can never reach into a prototype.
 */
import { FORBIDDEN_KEYS as FORBIDDEN } from '../language/forbidden-keys.ts';

/** Reads a value at a dot path; `missing` when a segment does not resolve. */
export type PathReader = (obj: unknown) => unknown;

const hasOwn = Object.prototype.hasOwnProperty;

/** One step: objects and arrays (by index) only, own properties only. */
function step(obj: unknown, key: string): unknown {
  if (typeof obj !== 'object' || obj === null || !hasOwn.call(obj, key)) return undefined;
  return (obj as Record<string, unknown>)[key];
}

/**
 * Compiles `then(value at path)` into one closure, the path split once: reading
 * and using the value cost one call on the hot path instead of two.
 * Values are read from own properties of objects and arrays (by index); a path
 * with a `__proto__`, `constructor` or `prototype` segment never resolves.
 * @param missing what `then` receives when the path does not resolve. @default undefined
 * @example compilePathThen('time.hour', (h) => h === 9)({ time: { hour: 9 } }) // true
 */
export function compilePathThen<T>(path: string, then: (value: unknown) => T, missing?: unknown): (obj: unknown) => T {
  const parts = path.split('.');
  if (parts.some((p) => FORBIDDEN.has(p))) return () => then(missing);
  const [a, b] = parts as [string, string];
  // Short paths dominate rules; unrolled readers skip the loop.
  if (parts.length === 1) {
    return (obj) => then(typeof obj === 'object' && obj !== null && hasOwn.call(obj, a)
      ? (obj as Record<string, unknown>)[a]
      : missing);
  }
  if (parts.length === 2) {
    return (obj) => {
      if (typeof obj !== 'object' || obj === null || !hasOwn.call(obj, a)) return then(missing);
      const mid = (obj as Record<string, unknown>)[a];
      return then(typeof mid === 'object' && mid !== null && hasOwn.call(mid, b)
        ? (mid as Record<string, unknown>)[b]
        : missing);
    };
  }
  return (obj) => {
    let cur = obj;
    for (let i = 0; i < parts.length; i++) {
      const key = parts[i]!;
      if (typeof cur !== 'object' || cur === null || !hasOwn.call(cur, key)) return then(missing);
      cur = (cur as Record<string, unknown>)[key];
    }
    return then(cur);
  };
}

/** The segments of a dot path, or null when one is forbidden (the path never resolves). */
export function pathParts(path: string): string[] | null {
  const parts = path.split('.');
  return parts.some((p) => FORBIDDEN.has(p)) ? null : parts;
}

/**
 * The value at `parts` (from {@link pathParts}), with the rules of {@link compilePathThen}:
 * a plain function where one reading site serves every path.
 */
export function readParts(obj: unknown, parts: string[] | null, missing?: unknown): unknown {
  if (!parts) return missing;
  let cur = obj;
  for (let i = 0; i < parts.length; i++) {
    const key = parts[i]!;
    if (typeof cur !== 'object' || cur === null || !hasOwn.call(cur, key)) return missing;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

const identity = (v: unknown): unknown => v;

/**
 * Compiles a dot path (`"device.viewport.width"`, `"views.0.id"`) into a reader,
 * with the rules of {@link compilePathThen}.
 * @param missing what the reader returns when the path does not resolve. @default undefined
 * @example compilePath('geo.country')({ geo: { country: 'FR' } }) // 'FR'
 */
export function compilePath(path: string, missing?: unknown): PathReader {
  return compilePathThen(path, identity, missing);
}

/**
 * Reads the value at a dot path over own properties only; `undefined` when any
 * segment is missing or is `__proto__`, `constructor` or `prototype`.
 * Splits the path on every call: compile with {@link compilePath} on hot paths.
 * @example getPath({ utm: { source: 'news' } }, 'utm.source') // 'news'
 */
export function getPath(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const key of path.split('.')) {
    if (FORBIDDEN.has(key)) return undefined;
    cur = step(cur, key);
    if (cur === undefined) return undefined;
  }
  return cur;
}
