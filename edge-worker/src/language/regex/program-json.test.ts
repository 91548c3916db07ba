import { describe, expect, it } from 'vitest';
import { compilePattern } from './compile-regex.ts';
import { programFromJson, programToJson, type ProgramJson } from './program-json.ts';
import { MAX_PROGRAM } from './program.ts';
import { regexOf } from './safe-regex.ts';

const PATTERNS: [string, '' | 'i'][] = [
  ['ski', ''], ['^winter-sale', ''], ['[Ss]ki|[Ss]now|[Pp]owder', ''], ['powder$', 'i'], ['\\bski\\B', ''],
  ['[^a-z]\\d{2,4}', ''], ['caf\u00e9|\u00fcber|[\u0400-\u04ff]+', 'i'], ['.*=', ''], ['(a|b)*c?', ''], ['', ''],
];
const TEXTS = ['', 'ski', 'Skiing', 'winter-sale-24', 'fresh POWDER', 'x12345', 'Caf\u00c9', '\u0416\u0416', 'a=b', 'abba', 'skis'];

/** The JSON of a compiled pattern, through JSON text as the build writes it. */
function json(source: string, flags: '' | 'i'): ProgramJson {
  return JSON.parse(JSON.stringify(programToJson(compilePattern(source, flags)!.program))) as ProgramJson;
}

describe('regex programs as JSON', () => {
  it.each(PATTERNS)('reads back %j (flags %j) as the same program, matching alike', (source, flags) => {
    const compiled = compilePattern(source, flags)!;
    const read = programFromJson(json(source, flags));
    expect(read).toEqual(compiled.program);
    const again = regexOf(read!);
    expect(TEXTS.map((t) => again.test(t))).toEqual(TEXTS.map((t) => compiled.test(t)));
  });

  const spoilt: [string, (j: ProgramJson) => void][] = [
    ['no MATCH at the end', (j) => j.op.pop()],
    ['an unknown instruction', (j) => (j.op[0] = 9)],
    ['a jump outside the program', (j) => ((j.op[0] = 3), (j.arg[0] = j.op.length))],
    ['a set that does not exist', (j) => ((j.op[0] = 1), (j.arg[0] = j.sets.length))],
    ['an ASCII table that is not 32 hex digits', (j) => (j.sets[0]![0] = 'xyz')],
    ['ranges above ASCII out of order', (j) => (j.sets[0]![1] = [300, 200])],
    ['arrays of different lengths', (j) => j.arg.push(0)],
    ['more instructions than MAX_PROGRAM', (j) => {
      j.op = [...Array<number>(MAX_PROGRAM).fill(0), 8];
      j.arg = Array<number>(MAX_PROGRAM + 1).fill(97);
      j.alt = Array<number>(MAX_PROGRAM + 1).fill(0);
    }],
    ['a first unit without a first set', (j) => ((j.first = null), (j.firstUnit = 's'))],
  ];
  it.each(spoilt)('refuses a program with %s', (_name, spoil) => {
    const j = json('[Ss]ki|[Ss]now', '');
    expect(programFromJson(j)).toBeDefined();
    spoil(j);
    expect(programFromJson(j)).toBeUndefined();
  });
});
