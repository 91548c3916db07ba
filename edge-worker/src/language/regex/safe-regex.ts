import type { Program } from './program.ts';
import { scratchFor, search, type Meter } from './run.ts';

/** A compiled pattern. */
export interface SafeRegex {
  /** Whether the pattern matches somewhere in `text`; `meter` receives the steps taken. */
  test(text: string, meter?: Meter): boolean;
  /** Instructions of the program: a test costs at most size × (text length + 1) steps. */
  readonly size: number;
  /** The program, for rules precompiled with their regexes (program-json.ts). */
  readonly program: Program;
}

/** The matcher over a compiled program, with its scratch space made once. */
export function regexOf(program: Program): SafeRegex {
  const scratch = scratchFor(program);
  return { size: program.size, program, test: (text, meter) => search(program, scratch, text, meter) };
}
