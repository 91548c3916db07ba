import type { RequestMeta } from './types.ts';
import { bounded } from './bounds.ts';

/** How far to trust the request when reading its location. */
export interface GeoOptions {
  /**
   * Honour `x-kairos-country` / `x-kairos-region`, which let e2e tests simulate a
   * country. Never enable in production: any caller could set them.
   */
  trustDevHeader: boolean;
}

/** The Workers `request.cf` fields we read; absent on Node. */
interface CfProperties {
  country?: unknown;
  region?: unknown;
}

/**
 * Country and region of a request from the edge's own metadata: `request.cf` on
 * Workers, else the `cf-ipcountry` header (Cloudflare in front of Node). The IP is
 * never read. With `trustDevHeader`, the dev headers win when present — on purpose:
 * local `workerd` fills `request.cf` with a placeholder country that would otherwise
 * hide them.
 *
 * @returns `country` as two uppercase letters or `''`; `region` as the edge names it or `''`.
 */
export function geoFromRequest(req: Request, opts: GeoOptions): RequestMeta {
  const headers = req.headers;
  if (opts.trustDevHeader) {
    const country = countryCode(headers.get('x-kairos-country'));
    if (country) return { country, region: bounded(headers.get('x-kairos-region'), 64).trim() };
  }
  const cf = (req as Request & { cf?: CfProperties }).cf;
  const cfCountry = countryCode(cf?.country);
  if (cfCountry) return { country: cfCountry, region: bounded(cf?.region, 64).trim() };
  return { country: countryCode(headers.get('cf-ipcountry')), region: '' };
}

/**
 * ISO 3166-1 alpha-2 in uppercase, or `''`. Cloudflare's non-countries become `''`:
 * `XX` (unknown) and `T1` (Tor).
 */
function countryCode(value: unknown): string {
  if (typeof value !== 'string' || value.length !== 2) return '';
  const code = value.toUpperCase();
  return COUNTRY.test(code) && code !== 'XX' ? code : '';
}

const COUNTRY = /^[A-Z]{2}$/;
