/**
 * Bounds of the decide request, shared by the SDK (which stays inside them) and the
 * edge (whose request specification is built on them): one table, so the two cannot
 * drift apart.
 */
export const DECIDE_LIMITS = {
  /** Largest decide body in bytes. */
  bodyBytes: 16 * 1024,
  /** Slot ids in one decide request; the SDK splits larger pages into several requests. */
  slots: 50,
  /** Longest slot id, site id or variant id. */
  idLength: 64,
  /** Longest visitor id. */
  visitorLength: 128,
  /** Content views sent (the newest). */
  views: 20,
  /** Tags per content view. */
  tags: 10,
  /** Keys of each counts map (interests, conversions, exposures). */
  keys: 50,
} as const;
