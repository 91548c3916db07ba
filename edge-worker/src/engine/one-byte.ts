// V8 keeps a string in one byte per character only when it is built that way: a slice or
// a `replace` of a string that holds any character above U+00FF stays two bytes per
// character even when what is left is plain ASCII. A two-byte string costs more to send
// (workerd measured ~10 % of decide's throughput on a 3.5 KB answer), so text kept for
// every response is rebuilt once through UTF-8, which V8 decodes into one-byte strings.
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const ASCII = /^[\x00-\x7f]*$/;

/** The same ASCII text in V8's one-byte representation; other text is returned as it is. */
export function oneByte(s: string): string {
  return ASCII.test(s) ? decoder.decode(encoder.encode(s)) : s;
}
