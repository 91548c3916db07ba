/** The linear-time regex matcher used by rules' `$regex` operators (see compile-regex.ts). */
export { compilePattern, compileRegex, MAX_REGEX_LENGTH } from './compile-regex.ts';
export { MAX_PROGRAM } from './program.ts';
export { programFromJson, programToJson } from './program-json.ts';
export { regexOf } from './safe-regex.ts';
export type { RegexResult } from './compile-regex.ts';
export type { ProgramJson } from './program-json.ts';
export type { SafeRegex } from './safe-regex.ts';
export type { Meter } from './run.ts';
