import type { Options } from './types';

/** Options with defaults applied and bad values replaced; never throws. */
export interface Resolved {
  /** The site id (missing: the edge refuses the request and slots keep their default content). */
  site?: string;
  /** Base of the API, no trailing slash. */
  endpoint: string;
  timeout: number;
  /** As given: anything but `denied` or `pending` means `granted`. */
  consent?: string;
  debug: boolean;
  /** Base URL of the lazy chunks, ending with `/`. */
  base: string;
}

/** Options as given by code, or as strings by the script tag's `data-` attributes. */
export type Given = Partial<Options> | Partial<Record<keyof Options, string>>;

/**
 * Resolves options, from code or from the script tag's `data-` attributes (strings):
 * a bad `timeout` (not a number, negative) becomes 300, and it is capped at 10 s; an
 * unknown `consent` is `granted`; `debug` is on when present and not `false`;
 * `endpoint` (an origin or an absolute URL) defaults to `origin`, the script's own.
 */
export function resolveOptions(o: Given, origin: string, search: string): Resolved {
  const t = parseFloat(o.timeout as string);
  const endpoint = ((o.endpoint || origin) + '').replace(/\/+$/, '');
  return {
    site: o.site,
    endpoint,
    timeout: t >= 0 ? Math.min(t, 1e4) : 300,
    consent: o.consent,
    // `data-debug` (empty), `data-debug="true"`, `debug: true`; or `?kairos_debug=1`.
    debug: /^(|true|1)$/.test(o.debug + '') || /[?&]kairos_debug=1/.test(search),
    base: o.base || endpoint + '/',
  };
}
