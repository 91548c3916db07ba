import { guard } from './util';

// The first-party cookies edge rendering (proxy mode) reads: `kairos_vid` (the record's
// id) and `kairos_tz` (the IANA time zone), with personalization consent only. The core
// sets the visitor cookie on a first page in the task after it starts (its record, in
// memory, is the one that will be stored) and deletes both at once; the watch chunk
// renews both for the stored record on every page (sdk/src/lazy/cookies.ts).
//
// Each cookie has a copy in localStorage under its own name, written and deleted with
// it: the SDK reads the copy, not the cookie. A page's first `document.cookie` read is a
// synchronous round trip to the browser's network process, which took up to 32 ms on a
// cold Chromium here; a first localStorage read took 0.1 ms.

/** The visitor-id cookie (and its copy): without it this browser has no stored record. */
export const VID = 'kairos_vid';
/** The time-zone cookie. */
export const TZ = 'kairos_tz';

/** Sets cookie `k` and its copy for the whole site (`path=/`, `SameSite=Lax`, `Secure` on https) for `age` seconds; 0 deletes both. */
export const cookie = (k: string, v: string, age: number): void => {
  document.cookie = `${k}=${v};path=/;SameSite=Lax;max-age=${age}${location.protocol == 'https:' ? ';Secure' : ''}`;
  // Where storage is blocked, reading `localStorage` throws: the page then has no copy.
  guard(() => localStorage[age ? 'setItem' : 'removeItem'](k, v))();
};

/** Deletes both cookies and their copies (consent withdrawn, `forget()`). */
export const unset = (): void => {
  cookie(VID, '', 0);
  cookie(TZ, '', 0);
};
