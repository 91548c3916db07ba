/**
 * The version of a rules file: a short SHA-256 of its canonical JSON (keys
 * sorted), so reformatting the file does not make a new version, while any
 * change of meaning does. Uses crypto.subtle (global in workerd and Node 20).
 */

/** JSON with object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]))
      : v,
  );
}

/** Hex characters kept from the digest: 48 bits tell rules versions apart. @default 12 */
export const VERSION_LENGTH = 12;

/**
 * The version string of `value` (validated rules).
 * @example await rulesVersion(rules) // '3f9a0c1d2b7e'
 */
export async function rulesVersion(value: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(value));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex.slice(0, VERSION_LENGTH);
}
