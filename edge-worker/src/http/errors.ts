/**
 * The one error type of the HTTP layer. Thrown anywhere in a request, turned
 * into a JSON body once, in the app's `onError`; it never carries a stack.
 */
export class ApiError extends Error {
  constructor(
    /** HTTP status, always 4xx for caller mistakes. */
    readonly status: 400 | 403 | 404 | 405 | 413 | 415 | 422 | 429 | 503,
    /** Stable machine-readable code, e.g. `body_too_large`. */
    readonly code: string,
    message: string,
    /** Where in the input the problem is (JSON path like `$.signals.time.hour`). */
    readonly path?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toJSON(): { error: { code: string; message: string; path?: string } } {
    return { error: { code: this.code, message: this.message, ...(this.path ? { path: this.path } : {}) } };
  }
}
