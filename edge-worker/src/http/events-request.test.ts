import { describe, expect, it } from 'vitest';
import { MAX_VISITOR_LENGTH } from '../protocol/limits.ts';
import { parseEventsRequest } from './events-request.ts';

const batch = (visitor: string) => ({ site: 'shop', visitor, events: [{ id: 'e-1', type: 'timeout', at: 1, slot: 'hero', consent: 'analytics' }] });

describe('parseEventsRequest', () => {
  it('takes every visitor id decide takes (the proxy\'s cookie included), and no longer ones', () => {
    expect(parseEventsRequest(batch('v'.repeat(MAX_VISITOR_LENGTH))).visitor).toHaveLength(MAX_VISITOR_LENGTH);
    expect(() => parseEventsRequest(batch('v'.repeat(MAX_VISITOR_LENGTH + 1)))).toThrow(/visitor/);
  });
});
