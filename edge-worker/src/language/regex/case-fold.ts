/**
 * The `i` flag without `u`, as ECMAScript defines it: two code units match when
 * their Canonicalize() values are equal (the single-unit upper case, except that
 * a non-ASCII unit never folds onto ASCII, so `ſ` does not match `s`). Sets are
 * closed under that equivalence once, when a pattern compiles, so the matcher
 * itself never thinks about case.
 */
import { has, normalise, type CharSet } from './char-set.ts';

/** Canonicalize(ch) from ECMAScript's RegExp semantics, for the non-Unicode `i` flag. */
export function canonicalize(c: number): number {
  const upper = String.fromCharCode(c).toUpperCase();
  if (upper.length !== 1) return c;
  const u = upper.charCodeAt(0);
  return c >= 128 && u < 128 ? c : u;
}

let classes: number[][] | undefined;
let classOf: Int32Array | undefined;

/** Groups of two or more code units with the same canonical value, and each unit's group; built once. */
function caseClasses(): { classes: number[][]; classOf: Int32Array } {
  if (classes && classOf) return { classes, classOf };
  const byCanon = new Map<number, number[]>();
  for (let c = 0; c <= 0xffff; c++) {
    const k = canonicalize(c);
    const group = byCanon.get(k);
    if (group) group.push(c);
    else byCanon.set(k, [c]);
  }
  classes = [...byCanon.values()].filter((g) => g.length > 1);
  classOf = new Int32Array(0x10000).fill(-1);
  classes.forEach((g, k) => g.forEach((c) => (classOf![c] = k)));
  return { classes, classOf };
}

/** Every unit that matches some member of `set` under the `i` flag. */
export function foldSet(set: CharSet): CharSet {
  const { classes, classOf } = caseClasses();
  let units = 0;
  for (let i = 0; i < set.length; i += 2) units += set[i + 1]! - set[i]! + 1;
  const hit = new Set<number>();
  if (units <= classes.length) {
    // A small set: look up each member's group.
    for (let i = 0; i < set.length; i += 2) {
      for (let c = set[i]!; c <= set[i + 1]!; c++) if (classOf[c]! >= 0) hit.add(classOf[c]!);
    }
  } else {
    classes.forEach((g, k) => g.some((c) => has(set, c)) && hit.add(k));
  }
  if (hit.size === 0) return set;
  const extra: number[] = [...set];
  for (const k of hit) for (const c of classes[k]!) extra.push(c, c);
  return normalise(extra);
}
