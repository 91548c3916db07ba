export { bool, int, list, num, obj, oneOf, opt, pattern, record, str, strictObj } from './build.ts';
export { checkSpec, type CheckResult } from './check.ts';
export { jsonSchemaOf } from './json-schema.ts';
export type { Field, Spec, SpecIssue, Wording } from './types.ts';
