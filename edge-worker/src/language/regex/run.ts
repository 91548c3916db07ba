/**
 * The Pike VM: runs a program over the input once, left to right, keeping the
 * set of NFA states alive at the current position instead of backtracking.
 * Each instruction is visited at most once per position (a generation mark),
 * so a search costs at most program size × (input length + 1) steps, whatever
 * the pattern and the input.
 */
import type { CharSet } from './char-set.ts';
import {
  BOUNDARY, CHAR, END, JUMP, MATCH, SET, SPLIT, START, type Program, type SetTest,
} from './program.ts';

/** Receives the number of instruction visits of a search (tests prove the bound with it). */
export interface Meter {
  steps: number;
}

/** The lists and marks of one program, reused across searches (JavaScript never re-enters one). */
export interface Scratch {
  /** The consuming instructions alive at the current position, and at the next. */
  readonly lists: [Int32Array, Int32Array];
  /** Instructions that consume nothing, still to follow at the current position. */
  readonly stack: Int32Array;
  /** The generation (one per position) in which each instruction was last visited. */
  readonly mark: Int32Array;
  gen: number;
}

/** Fresh scratch space for `p`. */
export function scratchFor(p: Program): Scratch {
  const n = p.size;
  return { lists: [new Int32Array(n), new Int32Array(n)], stack: new Int32Array(n), mark: new Int32Array(n), gen: 0 };
}

const isWordUnit = (c: number): boolean =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;

function inHigh(r: CharSet, c: number): boolean {
  for (let k = 0; k < r.length; k += 2) {
    if (c < r[k]!) return false;
    if (c <= r[k + 1]!) return true;
  }
  return false;
}

const inSet = (t: SetTest, c: number): boolean => (c < 128 ? t.ascii[c] === 1 : inHigh(t.high, c));

/** Where a match may start at or after `from`, or -1. */
function skip(p: Program, s: string, from: number): number {
  if (p.firstUnit !== null) return s.indexOf(p.firstUnit, from);
  const first = p.first!;
  for (let k = from; k < s.length; k++) if (inSet(first, s.charCodeAt(k))) return k;
  return -1;
}

/**
 * Whether `p` matches somewhere in `s` (RegExp.prototype.test); `meter` receives the
 * number of instruction visits.
 */
export function search(p: Program, scratch: Scratch, s: string, meter?: Meter): boolean {
  const { op, arg, alt, ascii, high, anchored, first } = p;
  const { stack, mark } = scratch;
  let [alive, next] = scratch.lists;
  const n = s.length;
  const skips = first !== null && !anchored;
  if (scratch.gen > 0x3fffffff - 2 * n - 4) {
    mark.fill(0);
    scratch.gen = 0;
  }
  let gen = ++scratch.gen;
  let steps = 0;
  let sp = 0;
  let count = 0;
  let pos = skips ? skip(p, s, 0) : 0;
  let found = false;
  while (pos >= 0) {
    // A visited instruction joins the alive list when it consumes, else the stack.
    if ((!anchored || pos === 0) && mark[0] !== gen) {
      mark[0] = gen;
      steps++;
      if (op[0]! <= SET) alive[count++] = 0;
      else stack[sp++] = 0;
    }
    while (sp > 0) {
      const x = stack[--sp]!;
      let t = -1;
      switch (op[x]) {
        case MATCH: found = true; sp = 0; break;
        case SPLIT:
          t = alt[x]!;
          if (mark[t] !== gen) {
            mark[t] = gen;
            steps++;
            if (op[t]! <= SET) alive[count++] = t;
            else stack[sp++] = t;
          }
          t = arg[x]!;
          break;
        case JUMP: t = arg[x]!; break;
        case START: if (pos === 0) t = x + 1; break;
        case END: if (pos === n) t = x + 1; break;
        default: {
          const before = pos > 0 && isWordUnit(s.charCodeAt(pos - 1));
          const after = pos < n && isWordUnit(s.charCodeAt(pos));
          if ((before !== after) === (op[x] === BOUNDARY)) t = x + 1;
        }
      }
      if (t >= 0 && mark[t] !== gen) {
        mark[t] = gen;
        steps++;
        if (op[t]! <= SET) alive[count++] = t;
        else stack[sp++] = t;
      }
    }
    if (found || pos >= n || (count === 0 && anchored)) break;
    // Consume one unit: the survivors' next instructions are the next position's.
    const c = s.charCodeAt(pos);
    const from = alive;
    const live = count;
    alive = next;
    next = from;
    count = 0;
    gen = ++scratch.gen;
    for (let k = 0; k < live; k++) {
      const x = from[k]!;
      const a = arg[x]!;
      const t = x + 1;
      if ((op[x] === CHAR ? a === c : c < 128 ? ascii[a * 128 + c] === 1 : inHigh(high[a]!, c)) && mark[t] !== gen) {
        mark[t] = gen;
        steps++;
        if (op[t]! <= SET) alive[count++] = t;
        else stack[sp++] = t;
      }
    }
    pos++;
    if (count === 0 && sp === 0 && skips) {
      const at = skip(p, s, pos);
      if (at !== pos) gen = ++scratch.gen;
      pos = at;
    }
  }
  if (meter) meter.steps = steps;
  return found;
}
