/** Request metadata that only the edge knows. */

/** Geo and other request metadata that only the edge knows. */
export interface RequestMeta {
  country?: string;
  region?: string;
  /** The request's User-Agent header: the device's UA when the SDK sent UA Client Hints instead, and a bot check. */
  userAgent?: string;
}
