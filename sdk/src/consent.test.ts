import { describe, expect, it } from 'vitest';
import { initialConsent, mergeConsent } from './consent';

describe('initialConsent', () => {
  it.each([
    ['granted', undefined, true],
    ['granted', false, true],
    ['granted', true, false],
    ['denied', undefined, false],
    ['pending', undefined, false],
    ['pending', true, false],
    [undefined, undefined, true],
    ['nonsense', undefined, true],
  ] as const)('%s with GPC %j → %j', (d, gpc, g) => {
    expect(initialConsent(d, gpc)).toEqual({ personalization: g, analytics: g });
  });
});

describe('mergeConsent', () => {
  const none = { personalization: false, analytics: false };
  it('sets the given fields and keeps the others', () => {
    expect(mergeConsent(none, { analytics: true })).toEqual({ personalization: false, analytics: true });
    expect(mergeConsent({ personalization: true, analytics: true }, { personalization: false })).toEqual({ personalization: false, analytics: true });
  });
  it('ignores undefined and null, coerces the rest to booleans', () => {
    expect(mergeConsent(none, undefined)).toEqual(none);
    expect(mergeConsent(none, { personalization: null as never, analytics: 1 as never })).toEqual({ personalization: false, analytics: true });
  });
});
