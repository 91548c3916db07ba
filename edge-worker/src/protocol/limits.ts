/**
 * Bounds of the decide request, shared by the SDK (which stays inside them) and the
 * edge (whose request specification is built on them), so the two cannot drift apart.
 * Single constants as well as the table: the SDK's bundler inlines those.
 */

/** Largest decide body in bytes. */
export const MAX_DECIDE_BYTES = 16 * 1024;
/** Slot ids in one decide request; the SDK splits larger pages into several requests. */
export const MAX_SLOTS = 50;
/** Longest slot, site or variant id. */
export const MAX_ID_LENGTH = 64;
/** Longest visitor id. */
export const MAX_VISITOR_LENGTH = 128;
/** Content views sent (the newest). */
export const MAX_VIEWS = 20;
/** Tags per content view. */
export const MAX_TAGS = 10;
/** Keys of each counts map (interests, conversions, exposures). */
export const MAX_KEYS = 50;

/** The same bounds as one table. */
export const DECIDE_LIMITS = {
  bodyBytes: MAX_DECIDE_BYTES,
  slots: MAX_SLOTS,
  idLength: MAX_ID_LENGTH,
  visitorLength: MAX_VISITOR_LENGTH,
  views: MAX_VIEWS,
  tags: MAX_TAGS,
  keys: MAX_KEYS,
} as const;
