// The first-party cookies edge rendering (proxy mode) reads: `kairos_vid` (the record's
// id) and `kairos_tz` (the IANA time zone), with personalization consent only. The core
// sets the visitor cookie on a first page at once (its record, in memory, is the one that
// will be stored) and deletes both at once; the watch chunk renews both for the stored
// record on every page (sdk/src/lazy/cookies.ts).

/** The visitor-id cookie: without it this browser has no stored record. */
export const VID = 'kairos_vid';
/** The time-zone cookie. */
export const TZ = 'kairos_tz';

/** Sets cookie `k` for the whole site (`path=/`, `SameSite=Lax`, `Secure` on https) for `age` seconds; 0 deletes it. */
export const cookie = (k: string, v: string, age: number): void => {
  document.cookie = `${k}=${v};path=/;SameSite=Lax;max-age=${age}${location.protocol == 'https:' ? ';Secure' : ''}`;
};

/** Deletes both cookies (consent withdrawn, `forget()`). */
export const unset = (): void => {
  cookie(VID, '', 0);
  cookie(TZ, '', 0);
};
