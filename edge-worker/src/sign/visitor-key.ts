/**
 * What the stats store keeps instead of identifiers: a keyed hash of the visitor id
 * (stored, so unique visitors can be counted without the id) and of the client
 * address (held in memory only, for the rate limit). Without the secret neither can
 * be reversed or matched against a list of guessed ids or addresses.
 */
import type { EdgeKeys } from './keys.ts';

/** The visitor id as the store keeps it: 22 characters, the same for the same id under one secret. */
export const visitorKey = (keys: EdgeKeys, visitor: string): Promise<string> => keys.mac('visitor', visitor);

/** The client address as the rate limit keys it (never stored). */
export const clientKey = (keys: EdgeKeys, address: string): Promise<string> => keys.mac('client', address);
