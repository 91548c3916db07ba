// The memory's time rules. A module without imports on purpose (byte-saving): esbuild
// folds and inlines constants only from such modules.

/** A day in ms. */
export const DAY = 864e5;
/** A session ends after 30 min without activity. */
export const SESSION_MS = 18e5;
/** The record expires after 180 days without activity (in seconds: a cookie's max-age). */
export const EXPIRE_S = 15552e3;
export const EXPIRE_MS = EXPIRE_S * 1e3;
/** How long one storage operation may take before IndexedDB is given up for the page. */
export const OP_MS = 1e3;
