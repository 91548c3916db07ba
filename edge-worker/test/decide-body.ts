import type { DecideRequest, Signals } from '../src/protocol/index.ts';

/** A decide request as the SDK would send it, with overrides. */
export function decideBody(over: Partial<DecideRequest> = {}, signals: Signals = {}): DecideRequest {
  return {
    site: 'shop',
    slots: ['hero', 'promo'],
    visitor: 'v-1',
    consent: { personalization: true, analytics: true },
    signals: { page: { path: '/', title: 'Home' }, time: { hour: 10, weekday: 1, timezone: 'Europe/Zurich' }, ...signals },
    ...over,
  };
}
