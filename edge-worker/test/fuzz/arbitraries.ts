/**
 * Inputs for the fuzz suites, mostly near-valid: a valid body with a few mutations
 * (wrong types, odd strings and numbers, prototype keys, deep nesting, extra or
 * missing keys), broken JSON text, odd bytes and content types, and some random JSON.
 */
import fc from 'fast-check';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Key = string | number;

/** Strings that have broken parsers, lookups, templates and CSV cells before. */
const SPECIAL_STRINGS = [
  '', ' ', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__',
  'NaN', '-0', 'Infinity', '1e308', '0x1F', 'null', 'undefined', 'true', '[]', '{}', '\u0000', '\ud800', '\udfff',
  '\u202e', '\ufeff', '\u2028', '😀', '👨‍👩‍👧', 'é', 'ﷺ', 'İ', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>',
  '{{geo.country}}', '{{', '}}', '{{__proto__}}', '../../etc/passwd', '%00', '%ZZ', '\n\r\t', 'a:b:c', ':::', 'hero:-:match',
  '$', '$.slots', '=HYPERLINK("http://x")', 'javascript:alert(1)', 'http://', '//evil.example', '(a+)+$', '[', '\\',
];

/** Lengths either side of the request limits (64, 128, 256, 2048 characters; 16 KB and 64 KB bodies). */
const EDGE_LENGTHS = [63, 64, 65, 100, 101, 128, 129, 256, 257, 310, 311, 2048, 2049, 16 * 1024, 64 * 1024 + 1];

const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  { weight: 3, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', 'é', '😀', '<', '{{'), fc.constantFrom(...EDGE_LENGTHS)).map(([c, n]) => c.repeat(Math.ceil(n / c.length))) },
);

/** Numbers at the edges; NaN and ±Infinity become `null` in JSON, which is a case too. */
const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(-0, 0, 1, -1, 0.5, 6, 7, 23, 24, 1e308, -1e308, 5e-324, 2 ** 53 + 2, 2 ** 31, -(2 ** 31), 1e21, NaN, Infinity),
  fc.double(),
  fc.integer(),
);

const scalar: fc.Arbitrary<Json> = fc.oneof(nastyString, nastyNumber, fc.boolean(), fc.constant(null));

/** A key, often one that reaches a prototype or one the body has elsewhere. */
const nastyKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'length', '0', '', 'site', 'slots', 'id', 'type', 'when', 'variants'),
  fc.string({ maxLength: 12 }),
);

/** An object whose keys are all own data properties, even `__proto__` (as JSON.parse makes them). */
function ownObject(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

/** `value` wrapped `depth` times, alternating arrays and objects. */
function nest(value: Json, depth: number): Json {
  let v = value;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

const nastyValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 1, arbitrary: fc.constantFrom<Json>([], {}, [[]], [null], [{}]) },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 6 }) },
  { weight: 1, arbitrary: fc.array(fc.tuple(nastyKey, scalar), { maxLength: 4 }).map((es) => ownObject(es) as Json) },
  { weight: 1, arbitrary: fc.tuple(scalar, fc.integer({ min: 2, max: 40 })).map(([v, d]) => nest(v, d)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> },
);

interface Mutation {
  at: number;
  kind: 'replace' | 'delete' | 'addKey' | 'wrapArray' | 'nest' | 'retype' | 'repeat';
  key: string;
  value: Json;
  depth: number;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('replace', 'replace', 'replace', 'delete', 'addKey', 'addKey', 'wrapArray', 'nest', 'retype', 'repeat'),
  key: nastyKey,
  value: nastyValue,
  depth: fc.integer({ min: 2, max: 30 }),
});

/** Every path in a JSON value, the root first. */
function pathsOf(v: unknown, at: Key[] = [], out: Key[][] = []): Key[][] {
  out.push(at);
  if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) pathsOf(x, [...at, Array.isArray(v) ? Number(k) : k], out);
  }
  return out;
}

/** Sets without ever invoking the `__proto__` setter. */
function put(parent: object, key: Key, value: unknown): void {
  Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
}

function changed(old: Json, m: Mutation): Json | undefined {
  switch (m.kind) {
    case 'replace': return m.value;
    case 'delete': return undefined;
    case 'wrapArray': return [old];
    case 'nest': return nest(old, m.depth);
    case 'retype':
      if (typeof old === 'string') return Number(old);
      if (typeof old === 'number') return String(old);
      if (typeof old === 'boolean') return old ? 1 : 0;
      return Array.isArray(old) ? ownObject(old.map((x, i) => [String(i), x])) as Json : Object.values(old ?? {}) as Json;
    case 'repeat': return Array.isArray(old) ? [...old, ...old] : typeof old === 'string' ? old.repeat(m.depth * 40) : old;
    case 'addKey':
      if (Array.isArray(old)) return [...old, m.value];
      if (old !== null && typeof old === 'object') {
        const copy = ownObject(Object.entries(old));
        put(copy, m.key, m.value);
        return copy as Json;
      }
      return ownObject([[m.key, m.value]]) as Json;
  }
}

/** `base` with the mutations applied, one after another, each at some path. */
function applyMutations(base: Json, ms: readonly Mutation[]): Json | undefined {
  let root: Json | undefined = structuredClone(base);
  for (const m of ms) {
    if (root === undefined) return undefined;
    const paths = pathsOf(root);
    const path = paths[m.at % paths.length]!;
    if (path.length === 0) {
      root = changed(root, m);
      continue;
    }
    let parent = root as Record<Key, Json>;
    for (const k of path.slice(0, -1)) parent = parent[k] as Record<Key, Json>;
    const key = path[path.length - 1]!;
    const next = changed(parent[key]!, m);
    if (next !== undefined) put(parent, key, next);
    else if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  }
  return root;
}

/** Odd number literals JSON.stringify never writes (`1e999` parses to Infinity). */
const ODD_NUMBERS = ['-0', '1e999', '-1e999', '1E308', '0.000', '1e-400', '01', '.5', '+1', 'NaN', 'Infinity', '0x10', '9007199254740993'];

/** A JSON text broken (or bent) by hand: truncated, spliced, odd literals, deep brackets, junk around it. */
function textMutation(text: string): fc.Arbitrary<string> {
  const pos = fc.nat({ max: Math.max(0, text.length) });
  return fc.oneof(
    pos.map((i) => text.slice(0, i)),
    fc.tuple(pos, fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', '\u0000', 'x', '\ud800')).map(([i, c]) => text.slice(0, i) + c + text.slice(i)),
    fc.tuple(pos, fc.nat({ max: 40 })).map(([i, n]) => text.slice(0, i) + text.slice(i + n)),
    fc.constantFrom(...ODD_NUMBERS).map((lit) => text.replace(/(?<=[:\[,])-?\d+(\.\d+)?([eE][+-]?\d+)?/, lit)),
    fc.constantFrom('\ufeff', ' \n\t', '//x\n', 'null', '{}').map((p) => p + text),
    fc.constantFrom(' ', '\n', 'x', ',', '}', '{}', '\u0000').map((s) => text + s),
    text.endsWith('}') ? fc.constantFrom(',"site":1}', ',"site":"x"}', ',"__proto__":{"polluted":1}}', ',"constructor":{"prototype":{"polluted":1}}}').map((s) => text.slice(0, -1) + s) : fc.constant(text),
    fc.integer({ min: 1, max: 40_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
    fc.integer({ min: 1, max: 20_000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
    fc.constantFrom('', ' ', 'null', 'true', '0', '-0', '"x"', '[]', '{}', '[{}]', '{"__proto__":null}', 'undefined', "{'a':1}", '{"a":1,}'),
    fc.string({ maxLength: 60 }),
  );
}

/** Bytes that are not what they claim: invalid UTF-8, UTF-16, NULs. */
function bytesOf(text: string): fc.Arbitrary<Uint8Array<ArrayBuffer>> {
  const utf8 = new TextEncoder().encode(text);
  return fc.oneof(
    fc.tuple(fc.nat({ max: utf8.length }), fc.constantFrom([0xff], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0])).map(([i, b]) => {
      const out = new Uint8Array(utf8.length + b.length);
      out.set(utf8.subarray(0, i));
      out.set(b, i);
      out.set(utf8.subarray(i), i + b.length);
      return out;
    }),
    fc.constant(new Uint8Array([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])])),
    fc.uint8Array({ maxLength: 200 }),
  );
}

/** How one input was made, so a suite can hold valid bodies to a stronger check. */
export type InputKind = 'valid' | 'mutated' | 'broken-text' | 'bytes' | 'random-json';

/** One body: what it is, and its text or bytes. */
export interface BodyInput {
  kind: InputKind;
  body: string | Uint8Array<ArrayBuffer>;
}

const stringify = (v: Json | undefined): string => (v === undefined ? '' : JSON.stringify(v));

/** Bodies around a valid body: mostly mutations of it, some broken text, odd bytes and random JSON. */
export function bodiesAround(valid: fc.Arbitrary<Json>): fc.Arbitrary<BodyInput> {
  const tag = (kind: InputKind) => (body: string | Uint8Array<ArrayBuffer>): BodyInput => ({ kind, body });
  return fc.oneof(
    { weight: 3, arbitrary: valid.map(stringify).map(tag('valid')) },
    { weight: 9, arbitrary: fc.tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([v, ms]) => stringify(applyMutations(v, ms))).map(tag('mutated')) },
    { weight: 3, arbitrary: valid.chain((v) => textMutation(stringify(v))).map(tag('broken-text')) },
    { weight: 1, arbitrary: valid.chain((v) => bytesOf(stringify(v))).map(tag('bytes')) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => stringify(v as Json)).map(tag('random-json')) },
  );
}

/** Content types: mostly ones the edge takes, and some it must refuse with a 415. */
export const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('application/json', 'text/plain;charset=UTF-8', 'application/json; charset=utf-8') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      undefined, '', 'APPLICATION/JSON', 'application/ld+json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x',
      'text/html', 'application/json; charset=utf-16', 'application/jsonx', ';', 'text/plain',
    ),
  },
);

/** Content types the edge accepts as JSON. */
export const acceptsJson = (type: string | undefined): boolean => {
  const t = (type ?? '').split(';')[0]!.trim().toLowerCase();
  return t === 'application/json' || t === 'text/plain' || (t.startsWith('application/') && t.endsWith('+json'));
};

/** Slugs, as the SDK and a rules author write ids (at most 30 characters). */
export const slug: fc.Arbitrary<string> = fc.stringMatching(/^[a-z][a-z0-9]{0,9}(?:[-_][a-z0-9]{1,9}){0,2}$/);

/** Plain text a browser would send (titles, paths, terms). */
export const text = (max: number): fc.Arbitrary<string> =>
  fc.oneof(fc.string({ maxLength: Math.min(max, 40) }), fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => s.slice(0, max)));

export type { Json };
