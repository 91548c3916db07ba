/**
 * Which URLs may stay in `href`, `src` and `srcset`: http(s), mailto, tel and
 * relative ones. The check decodes and normalises first, so case, whitespace,
 * control characters and character references cannot hide a `javascript:`.
 */

const ALLOWED_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'mailto', 'tel']);

/** Named references that can spell a scheme's punctuation or the whitespace browsers strip. */
const NAMED: Record<string, string> = { colon: ':', tab: '\t', newline: '\n', nbsp: '\u00a0', amp: '&', sol: '/', num: '#', quest: '?' };
const REFERENCE = /&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));?/gi;
/** C0 controls, space, DEL, C1 controls and invisible characters: ignored when reading a scheme. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0020\u007f-\u00a0\u00ad\u200b-\u200f\u2028\u2029\u2060\ufeff]/g;

function decodeOnce(text: string): string {
  return text.replace(REFERENCE, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED[name.toLowerCase()] ?? whole;
    const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/** Decodes character references until stable (double encoding included), bounded. */
function decode(text: string): string {
  let out = text;
  for (let i = 0; i < 3; i++) {
    const next = decodeOnce(out);
    if (next === out) break;
    out = next;
  }
  return out;
}

/**
 * The scheme that makes `url` unsafe (`javascript`, `data`, `vbscript` …), or null
 * when it is http(s), mailto, tel or relative. Anything with a colon before the
 * first `/`, `?` or `#` counts as a scheme, even one a browser would not accept.
 */
export function unsafeScheme(url: string): string | null {
  const text = decode(url).replace(INVISIBLE, '').toLowerCase();
  const head = text.split(/[/?#]/, 1)[0]!;
  const colon = head.indexOf(':');
  if (colon < 0) return null;
  const scheme = head.slice(0, colon);
  return ALLOWED_SCHEMES.has(scheme) ? null : scheme || ':';
}

/** Like `unsafeScheme`, for a `srcset` list (`a.png 1x, b.png 2x`): the first unsafe candidate's scheme. */
export function unsafeSrcset(srcset: string): string | null {
  for (const candidate of decode(srcset).split(',')) {
    const scheme = unsafeScheme(candidate.trim().split(/\s+/, 1)[0] ?? '');
    if (scheme) return scheme;
  }
  return null;
}
