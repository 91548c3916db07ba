import type { Consent, ConsentDefault } from './types';

/**
 * Consent before the visitor answers: the site's default (`denied`, `pending`, else
 * `granted`: absent or unknown values grant), except that Global Privacy
 * Control (`navigator.globalPrivacyControl === true`) means denied; `pending` is denied
 * until answered. An explicit answer later (`kairos.consent()`) is the visitor's own
 * choice and wins over both.
 */
export const initialConsent = (d: ConsentDefault | string | undefined, gpc: unknown): Consent => {
  const g = d != 'denied' && d != 'pending' && gpc !== true;
  return { personalization: g, analytics: g };
};

/** `c` updated with the fields of `u` that are set (`undefined`/`null` keep the current answer). */
export const mergeConsent = (c: Consent, u?: Partial<Consent>): Consent => ({
  personalization: !!(u?.personalization ?? c.personalization),
  analytics: !!(u?.analytics ?? c.analytics),
});
