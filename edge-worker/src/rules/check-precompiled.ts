/**
 * A cheap structural check of a precompiled rules file before the Worker compiles
 * it: its kind and format, and the shapes the compiler relies on. The file comes
 * from our own build, where it was fully validated; this catches a stale or
 * hand-edited file with a message, instead of a crash on the first request.
 */
import { formatPath, isPlainObject, type Path } from './issues.ts';
import { PRECOMPILED_FORMAT, PRECOMPILED_KIND } from './precompiled-format.ts';

/**
 * Longest JSON path accepted in a content tree: deeper than any the build writes (the
 * sanitiser keeps 32 levels of elements, two path segments each), and shallow enough
 * for this recursive check.
 */
const MAX_PATH = 100;

type Check = (value: unknown, at: Path) => string | undefined;

const fail = (at: Path, what: string): string => `${formatPath(at)} must be ${what}`;
const string: Check = (v, at) => (typeof v === 'string' ? undefined : fail(at, 'a string'));
const number: Check = (v, at) => (typeof v === 'number' && Number.isFinite(v) ? undefined : fail(at, 'a number'));
const object: Check = (v, at) => (isPlainObject(v) ? undefined : fail(at, 'an object'));
const strings: Check = (v, at) => object(v, at) ?? each(Object.entries(v as object), at, string);

function list(item: Check, nonEmpty = false): Check {
  return (v, at) => {
    if (!Array.isArray(v) || (nonEmpty && v.length === 0)) return fail(at, nonEmpty ? 'a non-empty list' : 'a list');
    return each(v.map((x, i) => [i, x]), at, item);
  };
}

function each(entries: [string | number, unknown][], at: Path, check: Check): string | undefined {
  for (const [key, value] of entries) {
    const problem = check(value, [...at, key]);
    if (problem) return problem;
  }
  return undefined;
}

/** An object whose listed keys pass their checks; absent keys are fine unless `required`. */
function fields(shape: Record<string, Check>, required: string[] = []): Check {
  return (v, at) => {
    if (!isPlainObject(v)) return fail(at, 'an object');
    for (const [key, check] of Object.entries(shape)) {
      if (v[key] === undefined) {
        if (required.includes(key)) return `${formatPath([...at, key])} is missing`;
      } else {
        const problem = check(v[key], [...at, key]);
        if (problem) return problem;
      }
    }
    return undefined;
  };
}

const node: Check = (v, at) => {
  if (at.length > MAX_PATH) return `${formatPath(at)} is nested too deeply`;
  if (isPlainObject(v) && 't' in v) return string(v.t, [...at, 't']);
  return fields({ e: string, a: strings, c: list(node) }, ['e'])(v, at);
};

const variant = fields({ id: string, weight: number, content: fields({ nodes: list(node), attrs: strings }) }, ['id', 'content']);
const rule = fields(
  { id: string, when: object, variants: list(variant, true), cap: fields({ perVisitor: number, perSession: number }), goal: string,
    learn: (v, at) => (v === 'fixed' || v === 'bandit' ? undefined : fail(at, '"fixed" or "bandit"')),
    schedule: fields({ start: string, end: string }) },
  ['id', 'variants'],
);
const rules = fields(
  { site: string, origins: list(string), holdout: number, interestHalfLifeDays: number,
    audiences: (v, at) => object(v, at) ?? each(Object.entries(v as object), at, (a, p) => (Array.isArray(a) ? undefined : object(a, p))),
    slots: (v, at) => object(v, at) ?? each(Object.entries(v as object), at, fields({ rules: list(rule, true) }, ['rules'])) },
  ['site', 'slots'],
);

/**
 * The first problem of a precompiled rules file, or undefined when the Worker can compile it.
 * @example checkPrecompiled({ kind: 'kairos-precompiled-rules', format: 0 }) // '$.format is 0, but this edge reads format 1: …'
 */
export function checkPrecompiled(value: unknown): string | undefined {
  if (!isPlainObject(value) || value.kind !== PRECOMPILED_KIND) return `$ is not a precompiled rules file (its kind must be "${PRECOMPILED_KIND}")`;
  if (value.format !== PRECOMPILED_FORMAT) {
    return `$.format is ${JSON.stringify(value.format)}, but this edge reads format ${PRECOMPILED_FORMAT}: rebuild the rules with npm run build`;
  }
  const regexes: Check = (v, at) => object(v, at) ?? each(Object.entries(v as object), at, (r, p) => (r === null ? undefined : object(r, p)));
  return fields({ version: string, rules, regexes }, ['version', 'rules', 'regexes'])(value, []);
}
