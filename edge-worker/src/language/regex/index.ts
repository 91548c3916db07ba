/** The linear-time regex matcher used by rules' `$regex` operators (see compile-regex.ts). */
export { compileRegex, MAX_REGEX_LENGTH } from './compile-regex.ts';
export { MAX_PROGRAM } from './compile.ts';
export type { RegexResult, SafeRegex } from './compile-regex.ts';
export type { Meter } from './run.ts';
