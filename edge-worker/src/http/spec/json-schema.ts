/** The JSON Schema (draft 2020-12) of a request specification, for client authors and editors. */
import type { Spec } from './types.ts';

export function jsonSchemaOf(spec: Spec): Record<string, unknown> {
  switch (spec.kind) {
    case 'string':
      return { type: 'string', ...(spec.min > 0 ? { minLength: spec.min } : {}), maxLength: spec.max, ...(spec.pattern ? { pattern: spec.pattern.re.source } : {}) };
    case 'number':
      return { type: spec.integer ? 'integer' : 'number', minimum: spec.min, ...(spec.max !== Number.MAX_SAFE_INTEGER ? { maximum: spec.max } : {}) };
    case 'enum':
      return { enum: [...spec.values] };
    case 'boolean':
      return { type: 'boolean' };
    case 'list':
      return {
        type: 'array', items: jsonSchemaOf(spec.item), ...(spec.min > 0 ? { minItems: spec.min } : {}), maxItems: spec.max,
        ...(spec.unique ? { uniqueItems: true } : {}),
      };
    case 'record':
      return {
        type: 'object', propertyNames: { ...(spec.keyMin > 0 ? { minLength: spec.keyMin } : {}), maxLength: spec.keyMax },
        additionalProperties: jsonSchemaOf(spec.value), maxProperties: spec.max,
      };
    case 'object': {
      const properties: Record<string, unknown> = {};
      const required: string[] = [];
      for (const [k, f] of Object.entries(spec.fields)) {
        properties[k] = jsonSchemaOf(f.spec);
        if (f.required) required.push(k);
      }
      return { type: 'object', properties, ...(required.length ? { required } : {}), ...(spec.strict ? { additionalProperties: false } : {}) };
    }
  }
}
