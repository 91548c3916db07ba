/**
 * Keys that could reach a prototype or a constructor if a lookup or a merge were
 * careless: refused in rules files and request bodies, and never resolved in a path.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
