/**
 * Turns a parsed pattern into a Thompson NFA program. Counted repeats are
 * expanded (`a{2,4}` is `aa(a(a)?)?`), so their size is checked before any
 * instruction is written: a program over the limit is refused.
 */
import type { Assertion, RegexAst } from './ast.ts';
import { has, union, type CharSet } from './char-set.ts';
import {
  BOUNDARY, CHAR, END, JUMP, MATCH, MAX_PROGRAM, NOT_BOUNDARY, SET, SPLIT, START, type Program, type SetTest,
} from './program.ts';
import { RegexRefusal } from './refusal.ts';

const ASSERT_OP: Record<Assertion, number> = { start: START, end: END, boundary: BOUNDARY, 'not-boundary': NOT_BOUNDARY };

/** Instructions `node` compiles to (may be astronomically large: it is only compared). */
export function programSize(node: RegexAst): number {
  switch (node.kind) {
    case 'set':
    case 'assert':
      return 1;
    case 'seq':
      return node.items.reduce((n, item) => n + programSize(item), 0);
    case 'alt':
      return node.branches.reduce((n, b) => n + programSize(b), 0) + 2 * (node.branches.length - 1);
    case 'repeat': {
      const body = programSize(node.body);
      if (node.max === Infinity) return node.min === 0 ? body + 2 : node.min * body + 1;
      return node.min * body + (node.max - node.min) * (body + 1);
    }
  }
}

/** A membership table for `set`. */
export function setTest(set: CharSet): SetTest {
  const ascii = new Uint8Array(128);
  for (let c = 0; c < 128; c++) ascii[c] = has(set, c) ? 1 : 0;
  const high: number[] = [];
  for (let i = 0; i < set.length; i += 2) {
    if (set[i + 1]! >= 128) high.push(Math.max(128, set[i]!), set[i + 1]!);
  }
  return { ascii, high };
}

/**
 * The program for `ast`.
 * @throws {RegexRefusal} when it would exceed {@link MAX_PROGRAM} instructions
 */
export function compileProgram(ast: RegexAst): Program {
  const size = programSize(ast) + 1;
  if (size > MAX_PROGRAM) {
    const count = Number.isFinite(size) && size < 1e9 ? String(size) : 'over a billion';
    throw new RegexRefusal(`is too large to match in bounded time: it compiles to ${count} instructions (at most ${MAX_PROGRAM}); use fewer or smaller counted repeats ({n,m})`);
  }
  const op = new Uint8Array(size);
  const arg = new Int32Array(size);
  const alt = new Int32Array(size);
  const raw: CharSet[] = [];
  let pc = 0;
  const put = (code: number, a = 0, b = 0): number => {
    op[pc] = code;
    arg[pc] = a;
    alt[pc] = b;
    return pc++;
  };

  function emit(node: RegexAst): void {
    switch (node.kind) {
      case 'set':
        if (node.set.length === 2 && node.set[0] === node.set[1]) put(CHAR, node.set[0]);
        else {
          raw.push(node.set);
          put(SET, raw.length - 1);
        }
        return;
      case 'assert':
        put(ASSERT_OP[node.test]);
        return;
      case 'seq':
        for (const item of node.items) emit(item);
        return;
      case 'alt': {
        const jumps: number[] = [];
        node.branches.forEach((branch, k) => {
          const last = k === node.branches.length - 1;
          const split = last ? -1 : put(SPLIT, pc + 1);
          emit(branch);
          if (!last) {
            jumps.push(put(JUMP));
            alt[split] = pc;
          }
        });
        for (const j of jumps) arg[j] = pc;
        return;
      }
      case 'repeat':
        return repeat(node.body, node.min, node.max);
    }
  }

  function repeat(body: RegexAst, min: number, max: number): void {
    if (max === Infinity && min > 0) {
      for (let k = 1; k < min; k++) emit(body);
      const top = pc;
      emit(body);
      put(SPLIT, top, pc + 1);
      return;
    }
    for (let k = 0; k < min; k++) emit(body);
    if (max === Infinity) {
      const split = put(SPLIT, pc + 1);
      emit(body);
      put(JUMP, split);
      alt[split] = pc;
      return;
    }
    const splits: number[] = [];
    for (let k = min; k < max; k++) {
      splits.push(put(SPLIT, pc + 1));
      emit(body);
    }
    for (const s of splits) alt[s] = pc;
  }

  emit(ast);
  put(MATCH);
  const start = startClosure(op, arg, alt);
  const anchored = start.every((x) => op[x] === START);
  const consumers = start.every((x) => op[x] === CHAR || op[x] === SET);
  const firstSet = consumers ? start.reduce<CharSet>((acc, x) => union(acc, op[x] === CHAR ? [arg[x]!, arg[x]!] : raw[arg[x]!]!), []) : null;
  const first = firstSet ? setTest(firstSet) : null;
  const firstUnit = firstSet && firstSet.length === 2 && firstSet[0] === firstSet[1] ? String.fromCharCode(firstSet[0]!) : null;
  const tests = raw.map(setTest);
  const ascii = new Uint8Array(128 * tests.length);
  tests.forEach((t, k) => ascii.set(t.ascii, 128 * k));
  return { size, op, arg, alt, ascii, high: tests.map((t) => t.high), anchored, first, firstUnit };
}

/** The non-jump instructions reachable from the first one without consuming input. */
function startClosure(op: Uint8Array, arg: Int32Array, alt: Int32Array): number[] {
  const seen = new Set<number>();
  const out: number[] = [];
  const stack = [0];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (seen.has(x)) continue;
    seen.add(x);
    if (op[x] === SPLIT) stack.push(arg[x]!, alt[x]!);
    else if (op[x] === JUMP) stack.push(arg[x]!);
    else out.push(x);
  }
  return out;
}
