/** Request metadata that only the edge knows. */

/** Geo and other request metadata that only the edge knows. */
export interface RequestMeta {
  country?: string;
  region?: string;
}
