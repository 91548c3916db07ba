/**
 * The edge's per-deploy secret as one HMAC-SHA-256 key (Web Crypto, so the same code
 * runs in workerd and on Node). Every use signs a message that starts with its own
 * purpose tag, so a MAC made for one purpose (a decision, a preview, a visitor id)
 * is never valid for another.
 */

/** What each MAC is for: its first line. */
export type Purpose = 'decision' | 'preview' | 'visitor' | 'client';

/** MACs are cut to this many bytes: 128 bits, far beyond guessing, and compact on the wire. */
const MAC_BYTES = 16;

const enc = new TextEncoder();

/** base64url without padding (URL- and JSON-safe, no `,` or `:`). */
export function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Equal strings, in time that does not depend on where they first differ. */
export function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The edge's signing key. */
export interface EdgeKeys {
  /** The MAC of `parts` (joined by newlines) for `purpose`, base64url, 22 characters. */
  mac(purpose: Purpose, ...parts: string[]): Promise<string>;
}

/** A key for `secret`, imported once. */
export function edgeKeys(secret: string): EdgeKeys {
  const key = crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return {
    async mac(purpose, ...parts) {
      const sig = await crypto.subtle.sign('HMAC', await key, enc.encode(`${purpose}\n${parts.join('\n')}`));
      return base64url(new Uint8Array(sig, 0, MAC_BYTES));
    },
  };
}

const cache = new Map<string, EdgeKeys>();

/** The keys of `secret`, shared by every route of an app; `undefined` without a secret. */
export function keysFor(secret: string | undefined): EdgeKeys | undefined {
  if (!secret) return undefined;
  let k = cache.get(secret);
  if (!k) {
    if (cache.size > 8) cache.clear();
    cache.set(secret, (k = edgeKeys(secret)));
  }
  return k;
}

/** A fresh random secret (32 bytes, base64url), for a Node edge that was given none. */
export function randomSecret(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}
