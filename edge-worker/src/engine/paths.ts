/**
 * Dot-path reading over a context document, split once and walked over own
 * properties only, so a rule can never reach into a prototype.
 */

/** Reads a value at a dot path; `missing` when a segment does not resolve. */
export type PathReader = (obj: unknown) => unknown;

const hasOwn = Object.prototype.hasOwnProperty;

/** Segments that would reach a prototype or a constructor: they never resolve. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** One step: objects and arrays (by index) only, own properties only. */
function step(obj: unknown, key: string): unknown {
  if (typeof obj !== 'object' || obj === null || !hasOwn.call(obj, key)) return undefined;
  return (obj as Record<string, unknown>)[key];
}

/**
 * Compiles a dot path (`"device.viewport.width"`, `"views.0.id"`) into a reader,
 * splitting it once. Values are read from own properties of objects and arrays;
 * a path with a `__proto__`, `constructor` or `prototype` segment never resolves.
 * @param missing what the reader returns when the path does not resolve. @default undefined
 * @example compilePath('geo.country')({ geo: { country: 'FR' } }) // 'FR'
 */
export function compilePath(path: string, missing?: unknown): PathReader {
  const parts = path.split('.');
  if (parts.some((p) => FORBIDDEN.has(p))) return () => missing;
  const [a, b] = parts as [string, string];
  // Short paths dominate rules; unrolled readers skip the loop.
  if (parts.length === 1) {
    return (obj) => (typeof obj === 'object' && obj !== null && hasOwn.call(obj, a)
      ? (obj as Record<string, unknown>)[a]
      : missing);
  }
  if (parts.length === 2) {
    return (obj) => {
      const mid = step(obj, a);
      return typeof mid === 'object' && mid !== null && hasOwn.call(mid, b)
        ? (mid as Record<string, unknown>)[b]
        : missing;
    };
  }
  return (obj) => {
    let cur = obj;
    for (let i = 0; i < parts.length; i++) {
      const key = parts[i]!;
      if (typeof cur !== 'object' || cur === null || !hasOwn.call(cur, key)) return missing;
      cur = (cur as Record<string, unknown>)[key];
    }
    return cur;
  };
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
