/**
 * A compiled pattern as JSON, so that rules can reach the Worker with their regexes
 * already compiled (rules/precompile.ts) and the Worker carries the matcher without
 * the parser and compiler. Reading checks every field the matcher relies on: a
 * malformed program is refused, never run.
 */
import { CHAR, JUMP, MATCH, MAX_PROGRAM, SET, SPLIT, type Program, type SetTest } from './program.ts';

/** A program's JSON form: ASCII tables as 32 hex digits (bit c of the table is code unit c). */
export interface ProgramJson {
  op: number[];
  arg: number[];
  alt: number[];
  /** Per set: its ASCII table, and its ranges above ASCII. */
  sets: [string, number[]][];
  anchored: boolean;
  first: [string, number[]] | null;
  firstUnit: string | null;
}

function hexOf(ascii: Uint8Array, at = 0): string {
  let out = '';
  for (let c = 0; c < 128; c += 4) out += (ascii[at + c]! | (ascii[at + c + 1]! << 1) | (ascii[at + c + 2]! << 2) | (ascii[at + c + 3]! << 3)).toString(16);
  return out;
}

/** The JSON form of `p`. */
export function programToJson(p: Program): ProgramJson {
  return {
    op: [...p.op], arg: [...p.arg], alt: [...p.alt],
    sets: p.high.map((high, k) => [hexOf(p.ascii, 128 * k), [...high]]),
    anchored: p.anchored,
    first: p.first && [hexOf(p.first.ascii), [...p.first.high]],
    firstUnit: p.firstUnit,
  };
}

const isInt = (x: unknown, below: number): x is number => Number.isInteger(x) && (x as number) >= 0 && (x as number) < below;
const ints = (x: unknown, n: number, below: number): x is number[] => Array.isArray(x) && x.length === n && x.every((v) => isInt(v, below));

/** A set's ASCII table and its ranges above ASCII (ascending, within 128..0xFFFF), or undefined. */
function setFromJson(x: unknown): SetTest | undefined {
  if (!Array.isArray(x) || x.length !== 2 || typeof x[0] !== 'string' || !/^[0-9a-f]{32}$/.test(x[0])) return undefined;
  const high: unknown = x[1];
  if (!Array.isArray(high) || high.length % 2 !== 0 || !high.every((v, i) => isInt(v, 0x10000) && v >= 128 && (i === 0 || v >= high[i - 1]))) return undefined;
  const ascii = new Uint8Array(128);
  for (let c = 0; c < 128; c++) ascii[c] = (parseInt(x[0][c >> 2]!, 16) >> (c & 3)) & 1;
  return { ascii, high: high as number[] };
}

/** The program `x` describes, or undefined when it is not a well-formed one. */
export function programFromJson(x: unknown): Program | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const j = x as Partial<ProgramJson>;
  const size = Array.isArray(j.op) ? j.op.length : 0;
  if (size < 1 || size > MAX_PROGRAM || !ints(j.op, size, MATCH + 1) || j.op[size - 1] !== MATCH) return undefined;
  if (!ints(j.arg, size, 0x10000) || !ints(j.alt, size, size) || !Array.isArray(j.sets) || typeof j.anchored !== 'boolean') return undefined;
  const sets = j.sets.map(setFromJson);
  if (!sets.every((s) => s !== undefined)) return undefined;
  for (let i = 0; i < size; i++) {
    const o = j.op[i]!;
    if ((o === SPLIT || o === JUMP) && j.arg[i]! >= size) return undefined;
    if (o === SET && j.arg[i]! >= sets.length) return undefined;
    if (o === CHAR && j.arg[i]! > 0xffff) return undefined;
  }
  const first = j.first === null ? null : setFromJson(j.first);
  if (first === undefined || !(j.firstUnit === null || (typeof j.firstUnit === 'string' && j.firstUnit.length === 1 && first !== null))) return undefined;
  const ascii = new Uint8Array(128 * sets.length);
  sets.forEach((s, k) => ascii.set(s.ascii, 128 * k));
  return {
    size, op: Uint8Array.from(j.op), arg: Int32Array.from(j.arg), alt: Int32Array.from(j.alt),
    ascii, high: sets.map((s) => s.high), anchored: j.anchored, first, firstUnit: j.firstUnit,
  };
}
