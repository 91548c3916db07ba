/**
 * The token on each decision the edge hands out: who got it, which reason, when.
 * The SDK carries it back on the exposure event, so an exposure counts only if the
 * edge really decided it for that visitor (a forged visitor or reason has no token).
 */
import { base64url, sameText, type EdgeKeys } from './keys.ts';

/** What a token covers of a decision: its reason id, and a bandit decision's segment (so the segment its exposure reports is the one decided). */
export function signedReason(reason: string, segment: string | undefined): string {
  return segment === undefined ? reason : `${reason}\n${segment}`;
}

/** A token is good this long after it was issued: as long as events are taken at all. */
export const DECISION_TOKEN_TTL_MS = 7 * 86_400_000;
/** Clocks of several edge machines disagree a little. */
const SKEW_MS = 5 * 60_000;

/** Random bytes in each token: 72 bits, so no two decisions the edge hands out share one. */
const NONCE_BYTES = 9;
const NONCE = /^[\w-]{12}$/;
const ISSUED = /^[0-9a-z]{1,10}$/;

/**
 * `<issued, epoch ms in base 36>.<nonce>.<MAC>`, at most 46 characters. The MAC covers the
 * visitor, the reason id, the issue time and the nonce. The store counts one exposure per
 * token (a replayed token adds nothing), so each decision gets its own token: two decisions
 * of one visitor and reason in the same millisecond (pages opened together; a Workers clock
 * that stands still between I/O) are two exposures.
 */
export async function decisionToken(keys: EdgeKeys, visitor: string, reason: string, at: number): Promise<string> {
  const issued = Math.floor(at).toString(36);
  const nonce = base64url(crypto.getRandomValues(new Uint8Array(NONCE_BYTES)));
  return `${issued}.${nonce}.${await keys.mac('decision', visitor, reason, issued, nonce)}`;
}

/** Whether `token` is one the edge issued for this visitor and reason, and is still good at `now`. */
export async function checkDecisionToken(keys: EdgeKeys, token: string | undefined, visitor: string, reason: string, now: number): Promise<boolean> {
  const [issued, nonce, mac, ...rest] = token?.split('.') ?? [];
  if (issued === undefined || nonce === undefined || mac === undefined || rest.length || !ISSUED.test(issued) || !NONCE.test(nonce)) return false;
  const at = parseInt(issued, 36);
  if (at > now + SKEW_MS || at < now - DECISION_TOKEN_TTL_MS) return false;
  return sameText(mac, await keys.mac('decision', visitor, reason, issued, nonce));
}
