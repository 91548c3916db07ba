import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DECIDE_LIMITS } from '../protocol/limits.ts';
import { decideRequestJsonSchemaText } from './decide-request-schema.ts';

const committed = readFileSync(join(import.meta.dirname, '..', '..', 'decide-request.schema.json'), 'utf8');
const schema = JSON.parse(committed);

describe('decide-request.schema.json', () => {
  it('is what the decide specification generates (run `node edge-worker/scripts/gen-schema.mjs` after changing it)', () => {
    expect(committed, 'edge-worker/decide-request.schema.json is stale: regenerate it and commit it').toBe(decideRequestJsonSchemaText());
  });

  it('states the bounds of protocol/limits.ts, the ones the SDK keeps to', () => {
    expect(schema.properties.slots.maxItems).toBe(DECIDE_LIMITS.slots);
    expect(schema.properties.slots.items.maxLength).toBe(DECIDE_LIMITS.idLength);
    expect(schema.properties.visitor.maxLength).toBe(DECIDE_LIMITS.visitorLength);
    const signals = schema.properties.signals.properties;
    expect(signals.views.maxItems).toBe(DECIDE_LIMITS.views);
    expect(signals.views.items.properties.tags.maxItems).toBe(DECIDE_LIMITS.tags);
    expect(signals.interests.maxProperties).toBe(DECIDE_LIMITS.keys);
    expect(schema.required).toEqual(['site', 'slots', 'visitor', 'consent', 'signals']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.signals.additionalProperties).toBeUndefined();
  });
});
