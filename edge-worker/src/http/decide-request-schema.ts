/**
 * `decide-request.schema.json`, generated from the decide specification so that client
 * authors, editors and the edge read one definition. Regenerate with
 * `node edge-worker/scripts/gen-schema.mjs`.
 */
import { DECIDE_REQUEST } from './decide-request.ts';
import { jsonSchemaOf } from './spec/index.ts';

/** The file's exact text: two-space JSON and a final newline. */
export function decideRequestJsonSchemaText(): string {
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Kairos decide request',
    description: 'The body of POST /v1/decide: the slots to decide and the signals the SDK captured.',
    ...jsonSchemaOf(DECIDE_REQUEST),
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
