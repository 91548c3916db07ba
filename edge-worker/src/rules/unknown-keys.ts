/**
 * Every unknown key, each with the nearest allowed key. valibot's strictObject
 * stops at the first unknown key per object and cannot suggest a name, so the
 * schema's own entries are walked here instead.
 */
import { IssueList, isPlainObject, type Path } from './issues.ts';
import { nearest } from './nearest.ts';
import { FORBIDDEN_KEYS } from '../language/forbidden-keys.ts';

/** The parts of a valibot schema object this walk reads. */
interface SchemaNode {
  type: string;
  entries?: Record<string, SchemaNode>;
  wrapped?: SchemaNode;
  item?: SchemaNode;
  value?: SchemaNode;
  kind?: string;
  pipe?: SchemaNode[];
}

/** A piped schema validates with its last schema (e.g. the record after a plain-object guard), pipes within pipes too. */
function unpipe(schema: SchemaNode): SchemaNode {
  for (let s = schema; ; ) {
    const schemas = s.pipe?.filter((item) => item.kind === 'schema') ?? [];
    const last = schemas[schemas.length - 1];
    if (!last || last === s) return s;
    s = last;
  }
}

/**
 * Reports unknown keys of `value` against `schema`. Returns the paths of the
 * keys it suggested, so "is required" for a key that was merely misspelt can be
 * left out.
 */
export function checkUnknownKeys(schema: unknown, value: unknown, issues: IssueList, path: Path = []): string[] {
  const suggested: string[] = [];
  walk(schema as SchemaNode, value, path, issues, suggested);
  return suggested;
}

function walk(piped: SchemaNode, value: unknown, path: Path, issues: IssueList, suggested: string[]): void {
  const schema = unpipe(piped);
  if (schema.type === 'optional' && schema.wrapped) return walk(schema.wrapped, value, path, issues, suggested);
  if (schema.type === 'array' && schema.item && Array.isArray(value)) {
    value.forEach((item, i) => walk(schema.item!, item, [...path, i], issues, suggested));
    return;
  }
  if (!isPlainObject(value)) return;
  if (schema.type === 'record' && schema.value) {
    for (const key of Object.keys(value)) {
      if (!FORBIDDEN_KEYS.has(key)) walk(schema.value, value[key], [...path, key], issues, suggested);
    }
  } else if (schema.type === 'strict_object' && schema.entries) {
    const allowed = Object.keys(schema.entries);
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) continue;
      const entry = Object.hasOwn(schema.entries, key) ? schema.entries[key] : undefined;
      if (entry) {
        walk(entry, value[key], [...path, key], issues, suggested);
        continue;
      }
      const hint = nearest(key, allowed);
      if (hint === undefined) issues.error([...path, key], `unknown key "${key}"; allowed here: ${allowed.join(', ')}`);
      else {
        issues.error([...path, key], `unknown key "${key}"; did you mean "${hint}"?`);
        suggested.push(JSON.stringify([...path, hint]));
      }
    }
  }
}
