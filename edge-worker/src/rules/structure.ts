/**
 * Checks that run before anything else walks the input: keys that could tamper
 * with prototypes, and nesting deep enough to exhaust a recursive walker.
 */
import { IssueList, isPlainObject, type Path } from './issues.ts';
import { FORBIDDEN_KEYS } from '../language/forbidden-keys.ts';

export { FORBIDDEN_KEYS };
/** Deepest JSON nesting accepted; conditions have their own, lower bound. @default 64 */
export const MAX_DOCUMENT_DEPTH = 64;

/**
 * Reports forbidden keys wherever they are. Returns false when the document is
 * nested too deeply to be walked safely; the caller then stops.
 * Iterative, so that the check itself cannot overflow the stack.
 */
export function checkStructure(input: unknown, issues: IssueList): boolean {
  const stack: [unknown, Path][] = [[input, []]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (path.length > MAX_DOCUMENT_DEPTH) {
      issues.error(path.slice(0, MAX_DOCUMENT_DEPTH), `is nested more than ${MAX_DOCUMENT_DEPTH} levels deep; a rules file never needs that`);
      return false;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], [...path, i]]);
    } else if (isPlainObject(value)) {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        if (FORBIDDEN_KEYS.has(key)) issues.error([...path, key], `the key "${key}" is not allowed anywhere (it could tamper with object prototypes)`);
        else stack.push([value[key], [...path, key]]);
      }
    }
  }
  return true;
}
