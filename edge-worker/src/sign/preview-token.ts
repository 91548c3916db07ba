/**
 * Preview tokens: a forced variant (`?kairos_preview=hero:ski-hero`) is honoured only
 * with a token made by `npx kairos preview-token` with the edge's secret, or in dev
 * mode. The token rides in the preview list itself, as the entry `_token:<token>` (no
 * slot id can be `_token`: ids are slugs), so the SDK sends it without knowing it.
 */
import { sameText, type EdgeKeys } from './keys.ts';

/** The preview entry that carries the token. */
export const PREVIEW_TOKEN_KEY = '_token';

/** Why a preview was ignored: no token, a token that is not the edge's (or for other variants), or an expired one. */
export type PreviewRefusal = 'no-token' | 'bad-token' | 'expired-token' | 'no-secret';

/** The forced variants as the MAC sees them: `slot:variant`, sorted, comma-joined. */
function canonical(pairs: Record<string, string>): string {
  return Object.keys(pairs)
    .filter((k) => k !== PREVIEW_TOKEN_KEY)
    .sort()
    .map((k) => `${k}:${pairs[k]}`)
    .join(',');
}

/** `<expiry, seconds in base 36>.<MAC>` for exactly these forced variants. */
export async function previewToken(keys: EdgeKeys, pairs: Record<string, string>, expiresAt: number): Promise<string> {
  const exp = Math.floor(expiresAt / 1000).toString(36);
  return `${exp}.${await keys.mac('preview', canonical(pairs), exp)}`;
}

/** Checks the token inside `preview`; `undefined` when it is good at `now`, else why not. */
export async function checkPreview(keys: EdgeKeys | undefined, preview: Record<string, string>, now: number): Promise<PreviewRefusal | undefined> {
  const token = preview[PREVIEW_TOKEN_KEY];
  if (!token) return 'no-token';
  if (!keys) return 'no-secret';
  const dot = token.indexOf('.');
  const exp = token.slice(0, dot);
  if (dot < 1 || !/^[0-9a-z]{1,9}$/.test(exp)) return 'bad-token';
  if (!sameText(token.slice(dot + 1), await keys.mac('preview', canonical(preview), exp))) return 'bad-token';
  return parseInt(exp, 36) * 1000 <= now ? 'expired-token' : undefined;
}
