import { zone } from '../capture/signals';
import { cookie, TZ, unset, VID } from '../cookies';
import { EXPIRE_S } from '../memory/time';
import { guard } from '../util';
import type { Hooks } from './events';

/**
 * With personalization consent, sets `kairos_vid` (the stored record's id, once storage
 * has answered) and `kairos_tz` (the IANA time zone). Their max-age is the record's own
 * lifetime without activity (180 days) and every page renews them, so the visitor cookie
 * lives as long as the record it names. Without that consent both are deleted (one may
 * be left from an earlier consented page), with their localStorage copies (sdk/src/cookies.ts).
 */
export const cookies = (h: Hooks): void => {
  // Deleted only when there (a cookie or a copy): without consent the SDK writes nothing at all.
  if (!h.consent().personalization)
    return void ((/(^|; )kairos_(vid|tz)=/.test(document.cookie) || guard(() => localStorage[VID] ?? localStorage[TZ])()) && unset());
  // A no-op change: it resolves once storage has answered, with the stored record current.
  void h.mem.mut(() => 0).then(() => {
    if (h.consent().personalization) {
      cookie(VID, h.mem.r.id, EXPIRE_S);
      cookie(TZ, zone(), EXPIRE_S);
    }
  });
};
