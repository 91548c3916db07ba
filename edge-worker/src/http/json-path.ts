const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A JSON path for error messages: `$.signals.time.hour`, `$.slots[2]`, `$["odd key"]`.
 *
 * @param root `'$'` for the `path` field of an error; `''` for a message (`signals.time.hour`).
 */
export function jsonPath(segments: readonly (string | number)[], root = '$'): string {
  let out = root;
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENTIFIER.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
