/**
 * Checks a parsed JSON value against a specification: every problem found, each
 * with its path, and a copy of the value without the unknown keys of lenient objects.
 */
import type { Spec, SpecIssue } from './types.ts';

/** What a check found: the cleaned value when there were no issues. */
export interface CheckResult {
  value: unknown;
  issues: SpecIssue[];
}

export function checkSpec(spec: Spec, value: unknown): CheckResult {
  const issues: SpecIssue[] = [];
  const out = walk(spec, value, [], issues);
  return { value: out, issues };
}

const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

function walk(spec: Spec, value: unknown, path: (string | number)[], issues: SpecIssue[]): unknown {
  const fail = (message: string): undefined => void issues.push({ path, message, value });
  switch (spec.kind) {
    case 'string':
      if (typeof value !== 'string' || value.length < spec.min || value.length > spec.max) return fail(stringWords(spec.min, spec.max));
      if (spec.pattern && !spec.pattern.re.test(value)) return fail(spec.pattern.words);
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value) || value < spec.min || value > spec.max || (spec.integer && !Number.isInteger(value))) {
        return fail(numberWords(spec.min, spec.max, spec.integer));
      }
      return value;
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value) ? value : fail(`must be one of ${spec.values.join(', ')}`);
    case 'boolean':
      return typeof value === 'boolean' ? value : fail('must be true or false');
    case 'list': {
      if (!Array.isArray(value)) return fail(spec.words?.type ?? 'must be an array');
      const before = issues.length;
      const items = value.map((item, i) => walk(spec.item, item, [...path, i], issues));
      if (issues.length > before) return undefined;
      if (value.length < spec.min) return fail(spec.words?.min ?? `must hold at least ${spec.min} items`);
      if (value.length > spec.max) return fail(spec.words?.max ?? `must hold at most ${spec.max} items`);
      if (spec.unique) {
        const repeat = firstRepeat(value);
        if (repeat !== undefined) return void issues.push({ path, message: `must not repeat a slot id (${JSON.stringify(String(repeat).slice(0, 64))} appears twice)`, bare: true });
      }
      return items;
    }
    case 'record': {
      if (!isObject(value)) return fail(spec.words?.type ?? 'must be an object');
      const keys = Object.keys(value);
      const before = issues.length;
      const out: Record<string, unknown> = Object.create(null);
      for (const k of keys) {
        if (k.length < spec.keyMin || k.length > spec.keyMax) issues.push({ path: [...path, k], message: `is a key of ${k.length} characters; keys must have ${spec.keyMin} to ${spec.keyMax}`, bare: true });
        else out[k] = walk(spec.value, value[k], [...path, k], issues);
      }
      if (issues.length > before) return undefined;
      if (keys.length > spec.max) return fail(spec.words?.max ?? `must hold at most ${spec.max} keys`);
      return out;
    }
    case 'object': {
      if (!isObject(value)) return fail('must be an object');
      const out: Record<string, unknown> = {};
      for (const [k, field] of Object.entries(spec.fields)) {
        if (!Object.hasOwn(value, k) || value[k] === undefined) {
          if (field.required) issues.push({ path: [...path, k], message: 'is required', bare: true });
          continue;
        }
        const v = walk(field.spec, value[k], [...path, k], issues);
        if (v !== undefined) out[k] = v;
      }
      if (spec.strict) {
        const known = Object.keys(spec.fields);
        for (const k of Object.keys(value)) {
          if (!Object.hasOwn(spec.fields, k)) issues.push({ path: [...path, k], message: `is not a known field (expected one of ${known.join(', ')})`, bare: true });
        }
      }
      return out;
    }
  }
}

/** The wording of a string bound, shared with the JSON Schema's descriptions. */
export function stringWords(min: number, max: number): string {
  return min > 0 ? `must be a string of ${min} to ${max} characters` : `must be a string of at most ${max} characters`;
}

export function numberWords(min: number, max: number, integer = false): string {
  const what = integer ? 'a whole number' : 'a number';
  return max === Number.MAX_SAFE_INTEGER ? `must be ${what} of at least ${min}` : `must be ${what} between ${min} and ${max}`;
}

function firstRepeat(items: unknown[]): unknown {
  const seen = new Set<unknown>();
  for (const x of items) {
    if (seen.has(x)) return x;
    seen.add(x);
  }
  return undefined;
}
