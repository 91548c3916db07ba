import { ApiError } from './errors.ts';
import { jsonPath } from './json-path.ts';
import { FORBIDDEN_KEYS } from '../language/forbidden-keys.ts';

/** Nesting deeper than this is refused: no honest decide body comes close. */
export const MAX_DEPTH = 16;

// JSON.parse makes forbidden keys plain own properties, so Object.keys finds them.

/**
 * Reads a request body as JSON, safely: the content type must be JSON (or
 * `text/plain`), the body at most `maxBytes` (checked on Content-Length first, then
 * while streaming, without buffering past the cap), nesting at most MAX_DEPTH deep,
 * and no `__proto__` / `constructor` / `prototype` key anywhere.
 *
 * Bytes that are not UTF-8 become U+FFFD, as `Request.text()` and `json()` decode them
 * everywhere: the value stays usable and a broken byte can't hide JSON syntax.
 *
 * `text/plain` is accepted because `navigator.sendBeacon` with a string and a CORS
 * "simple request" (which skips the preflight round trip) both send it; the body is
 * still parsed as JSON.
 *
 * @throws ApiError 415 `unsupported_media_type`, 413 `body_too_large`, 400 `body_unreadable`,
 *   400 `invalid_json`, 400 `too_deep`, 400 `forbidden_key`.
 */
export async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const headers = req.headers;
  checkContentType(headers.get('content-type'));
  const declared = headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  // With a declared length the runtime already bounds the body, so one read is safe and
  // cheaper than pulling the stream chunk by chunk.
  let text: string;
  if (declared !== null) {
    try {
      text = await req.text();
    } catch {
      throw unreadable();
    }
    // Never more characters than bytes; a body that outgrew its declared length is refused.
    if (text.length > maxBytes) throw tooLarge(maxBytes);
  } else {
    text = await readText(req, maxBytes);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    if (text.trim() === '') throw new ApiError(400, 'invalid_json', 'the request body is empty; send a JSON object');
    // The engine's message names the position (V8: "… in JSON at position 12 (line 1 column 13)").
    const detail = err instanceof Error ? err.message.slice(0, 200) : 'parse error';
    throw new ApiError(400, 'invalid_json', `the request body is not valid JSON: ${detail}`);
  }
  checkShape(value, [], 0);
  return value;
}

function checkContentType(header: string | null): void {
  if (header === 'application/json') return; // what the SDK sends: skip the parsing below
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || type === 'text/plain' || (type.startsWith('application/') && type.endsWith('+json'))) return;
  throw new ApiError(415, 'unsupported_media_type', `send the body as JSON with Content-Type: application/json (got ${type ? `"${type.slice(0, 100)}"` : 'no content type'})`);
}

// One decoder for every request: decode() without `stream` keeps no state between calls.
const utf8 = new TextDecoder('utf-8');

/** The body as UTF-8 text, read chunk by chunk; stops and cancels the stream past the cap. */
async function readText(req: Request, maxBytes: number): Promise<string> {
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch {
        // The client went away or the stream broke: a caller problem, not a 500.
        throw unreadable();
      }
      if (chunk.done) break;
      size += chunk.value.byteLength;
      if (size > maxBytes) {
        reader.cancel().catch(() => {}); // stop the upload; don't wait for the other side
        throw tooLarge(maxBytes);
      }
      chunks.push(chunk.value);
    }
  } finally {
    reader.releaseLock();
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return utf8.decode(bytes);
}

function unreadable(): ApiError {
  return new ApiError(400, 'body_unreadable', 'the request body could not be read (was the request aborted?)');
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, 'body_too_large', `the request body is larger than ${maxBytes} bytes`);
}

/** Walks the parsed value; refuses deep nesting and prototype-polluting keys, naming the path. */
function checkShape(value: unknown, path: (string | number)[], depth: number): void {
  if (value === null || typeof value !== 'object') return;
  if (depth >= MAX_DEPTH) {
    throw new ApiError(400, 'too_deep', `the request body nests deeper than ${MAX_DEPTH} levels at ${jsonPath(path)}`, jsonPath(path));
  }
  // One path stack, pushed and popped: no array per level.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      checkShape(value[i], path, depth + 1);
      path.pop();
    }
    return;
  }
  for (const key in value) {
    path.push(key);
    if (FORBIDDEN_KEYS.has(key)) {
      throw new ApiError(400, 'forbidden_key', `the key "${key}" is not allowed (at ${jsonPath(path)})`, jsonPath(path));
    }
    checkShape((value as Record<string, unknown>)[key], path, depth + 1);
    path.pop();
  }
}
