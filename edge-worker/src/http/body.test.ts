import { describe, expect, it } from 'vitest';
import { readJsonBody } from './body.ts';
import { ApiError } from './errors.ts';

const KB16 = 16 * 1024;
const json = { 'content-type': 'application/json' };

function post(body: BodyInit | null, headers: Record<string, string> = json): Request {
  return new Request('https://edge.example/v1/decide', { method: 'POST', headers, body, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit);
}

async function failure(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

/** A body stream without Content-Length that yields `chunks` chunks of `size` bytes and records how many were pulled. */
function chunkedStream(chunks: number, size: number) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled === chunks) return controller.close();
      state.pulled++;
      controller.enqueue(new TextEncoder().encode(state.pulled === 1 ? '{"a":"' : 'x'.repeat(size)));
    },
    cancel() {
      state.cancelled = true;
    },
  }, { highWaterMark: 0 });
  return { stream, state };
}

describe('readJsonBody', () => {
  it('parses a JSON body', async () => {
    expect(await readJsonBody(post('{"site":"shop","n":[1,2]}'), KB16)).toEqual({ site: 'shop', n: [1, 2] });
  });

  it('accepts text/plain (sendBeacon, CORS simple requests) and +json types, with parameters', async () => {
    expect(await readJsonBody(post('{"a":1}', { 'content-type': 'text/plain;charset=UTF-8' }), KB16)).toEqual({ a: 1 });
    expect(await readJsonBody(post('{"a":1}', { 'content-type': 'application/vnd.kairos+json' }), KB16)).toEqual({ a: 1 });
    expect(await readJsonBody(post('{"a":1}', { 'content-type': 'Application/JSON; charset=utf-8' }), KB16)).toEqual({ a: 1 });
  });

  it('refuses other content types with 415', async () => {
    const err = await failure(readJsonBody(post('a=1', { 'content-type': 'application/x-www-form-urlencoded' }), KB16));
    expect(err).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    expect(err.message).toContain('application/x-www-form-urlencoded');
    expect(await failure(readJsonBody(new Request('https://e.example/', { method: 'POST', body: new Uint8Array([123, 125]) }), KB16))).toMatchObject({ status: 415 });
  });

  it('refuses a declared Content-Length over the cap before reading', async () => {
    const { stream, state } = chunkedStream(10, 10);
    const req = new Request('https://e.example/', { method: 'POST', headers: { ...json, 'content-length': String(KB16 + 1) }, body: stream, duplex: 'half' } as RequestInit);
    expect(await failure(readJsonBody(req, KB16))).toMatchObject({ status: 413, code: 'body_too_large' });
    expect(state.pulled).toBe(0);
  });

  it('refuses a body over the cap', async () => {
    const body = JSON.stringify({ a: 'x'.repeat(KB16) });
    expect(await failure(readJsonBody(post(body), KB16))).toMatchObject({ status: 413, code: 'body_too_large' });
  });

  it('accepts a body of exactly the cap', async () => {
    const body = JSON.stringify({ a: 'x'.repeat(KB16 - 8) });
    expect(new TextEncoder().encode(body).byteLength).toBe(KB16);
    expect(await readJsonBody(post(body), KB16)).toEqual({ a: 'x'.repeat(KB16 - 8) });
  });

  it('stops reading a stream without Content-Length as soon as it passes the cap', async () => {
    // 1000 chunks of 1 KB would be ~1 MB; we must stop after ~17 and cancel the rest.
    const { stream, state } = chunkedStream(1000, 1024);
    expect(await failure(readJsonBody(post(stream), KB16))).toMatchObject({ status: 413 });
    expect(state.pulled).toBeLessThanOrEqual(18);
    expect(state.cancelled).toBe(true);
  });

  it('turns a broken or aborted body stream into a 400, not a crash', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"a":'));
        controller.error(new Error('client went away'));
      },
    });
    expect(await failure(readJsonBody(post(stream), KB16))).toMatchObject({ status: 400, code: 'body_unreadable' });
  });

  it('reports invalid JSON with the position the engine gives', async () => {
    const err = await failure(readJsonBody(post('{"site": "shop",'), KB16));
    expect(err).toMatchObject({ status: 400, code: 'invalid_json' });
    expect(err.message).toMatch(/not valid JSON: .*position \d+/);
  });

  it('reports an empty body', async () => {
    expect(await failure(readJsonBody(post(''), KB16))).toMatchObject({ status: 400, code: 'invalid_json', message: expect.stringContaining('empty') });
    expect(await failure(readJsonBody(post('  \n'), KB16))).toMatchObject({ status: 400, code: 'invalid_json', message: expect.stringContaining('empty') });
    expect(await failure(readJsonBody(post(null), KB16))).toMatchObject({ status: 400, code: 'invalid_json' });
  });

  it('decodes bytes that are not UTF-8 as U+FFFD, as Request.text() does, with or without a declared length', async () => {
    const bad = new Uint8Array([0x22, 0x61, 0xff, 0x22]); // "a<0xff>"
    expect(await readJsonBody(post(bad), KB16)).toBe('a\uFFFD');
    expect(await readJsonBody(post(bad, { ...json, 'content-length': '4' }), KB16)).toBe('a\uFFFD');
    // Outside a string a broken byte is still a syntax error.
    const err = await failure(readJsonBody(post(new Uint8Array([0x7b, 0xff, 0x7d]), { ...json, 'content-length': '3' }), KB16));
    expect(err).toMatchObject({ status: 400, code: 'invalid_json' });
  });

  it('refuses nesting deeper than 16 levels, naming where', async () => {
    const nest = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
    expect(await readJsonBody(post(nest(16)), KB16)).toBeTruthy();
    const err = await failure(readJsonBody(post(nest(17)), KB16));
    expect(err).toMatchObject({ status: 400, code: 'too_deep' });
    expect(err.path).toBe('$' + '.a'.repeat(16));
    expect(await failure(readJsonBody(post('['.repeat(5000) + ']'.repeat(5000)), KB16))).toMatchObject({ code: 'too_deep' });
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses a %s key anywhere, naming the path', async (key) => {
    const err = await failure(readJsonBody(post(`{"signals":{"views":[{"id":"x","${key}":{"polluted":true}}]}}`), KB16));
    expect(err).toMatchObject({ status: 400, code: 'forbidden_key', path: `$.signals.views[0].${key}` });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses __proto__ at the top level too', async () => {
    expect(await failure(readJsonBody(post('{"__proto__":{"x":1}}'), KB16))).toMatchObject({ code: 'forbidden_key', path: '$.__proto__' });
  });
});
