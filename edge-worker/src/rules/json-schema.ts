/**
 * `rules.schema.json`, generated from the valibot schema so the editor help and
 * the validator cannot disagree. Regenerate with `node edge-worker/scripts/gen-schema.mjs`.
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import { rulesFileSchema } from './schema.ts';

/** The JSON Schema (draft-07) of a rules file. Conditions are loose objects here; the validator checks them. */
export function rulesJsonSchema(): Record<string, unknown> {
  const schema = toJsonSchema(rulesFileSchema, {
    // `check` and `finite` have no JSON Schema form; the pattern metadata stands in for the origin check.
    ignoreActions: ['check', 'finite'],
    // Object-of pipes start with a plain-object guard: describe the record after it.
    typeMode: 'output',
    overrideSchema: (ctx) => (ctx.valibotSchema.type === 'custom' ? { type: 'object' } : undefined),
  });
  return {
    $schema: schema.$schema,
    title: 'Kairos rules file',
    description: 'Variant rules for Kairos slots: which content each slot shows, for which context.',
    ...schema,
  };
}

/** The file's exact text: two-space JSON and a final newline. */
export function rulesJsonSchemaText(): string {
  return `${JSON.stringify(rulesJsonSchema(), null, 2)}\n`;
}
