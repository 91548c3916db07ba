/**
 * The token on each decision the edge hands out: who got it, which reason, when.
 * The SDK carries it back on the exposure event, so an exposure counts only if the
 * edge really decided it for that visitor (a forged visitor or reason has no token).
 */
import { sameText, type EdgeKeys } from './keys.ts';

/** What a token covers of a decision: its reason id, and a bandit decision's segment (so the segment its exposure reports is the one decided). */
export function signedReason(reason: string, segment: string | undefined): string {
  return segment === undefined ? reason : `${reason}\n${segment}`;
}

/** A token is good this long after it was issued: as long as events are taken at all. */
export const DECISION_TOKEN_TTL_MS = 7 * 86_400_000;
/** Clocks of several edge machines disagree a little. */
const SKEW_MS = 5 * 60_000;

/**
 * `<issued, epoch ms in base 36>.<MAC>`, 31 characters. The MAC covers the visitor, the
 * reason id and the issue time (in ms, so two page views' decisions are two tokens, and
 * two exposures).
 */
export async function decisionToken(keys: EdgeKeys, visitor: string, reason: string, at: number): Promise<string> {
  const issued = Math.floor(at).toString(36);
  return `${issued}.${await keys.mac('decision', visitor, reason, issued)}`;
}

/** Whether `token` is one the edge issued for this visitor and reason, and is still good at `now`. */
export async function checkDecisionToken(keys: EdgeKeys, token: string | undefined, visitor: string, reason: string, now: number): Promise<boolean> {
  if (!token) return false;
  const dot = token.indexOf('.');
  const issued = token.slice(0, dot);
  if (dot < 1 || !/^[0-9a-z]{1,10}$/.test(issued)) return false;
  const at = parseInt(issued, 36);
  if (at > now + SKEW_MS || at < now - DECISION_TOKEN_TTL_MS) return false;
  return sameText(token.slice(dot + 1), await keys.mac('decision', visitor, reason, issued));
}
