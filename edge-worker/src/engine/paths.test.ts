import { describe, expect, it } from 'vitest';
import { compilePath, compilePathThen, getPath, pathParts, readParts } from './paths.ts';

const doc = {
  geo: { country: 'FR' },
  device: { viewport: { width: 390, height: 844 } },
  views: [{ id: 'sku-1', tags: ['ski'] }, { id: 'sku-2', tags: [] }],
  zero: 0,
  nothing: null,
};

describe('getPath', () => {
  it.each([
    ['geo.country', 'FR'],
    ['device.viewport.width', 390],
    ['views.1.id', 'sku-2'],
    ['views.0.tags.0', 'ski'],
    ['zero', 0],
    ['nothing', null],
    ['geo', doc.geo],
  ])('reads %s', (path, expected) => {
    expect(getPath(doc, path)).toEqual(expected);
  });

  it.each(['geo.region', 'missing.deep.path', 'nothing.x', 'zero.x', 'geo.country.length', 'views.9.id', ''])(
    'gives undefined for %j',
    (path) => {
      expect(getPath(doc, path)).toBeUndefined();
    },
  );

  it('does not read from primitives or functions', () => {
    expect(getPath('abc', '0')).toBeUndefined();
    expect(getPath(() => 1, 'name')).toBeUndefined();
    expect(getPath(null, 'a')).toBeUndefined();
    expect(getPath(undefined, 'a')).toBeUndefined();
  });

  it('reads own properties only', () => {
    expect(getPath({}, 'toString')).toBeUndefined();
    expect(getPath({}, 'hasOwnProperty')).toBeUndefined();
    expect(getPath(Object.create({ inherited: 1 }), 'inherited')).toBeUndefined();
    expect(getPath([], 'map')).toBeUndefined();
  });

  it.each(['__proto__', 'constructor', 'prototype', 'a.__proto__', '__proto__.polluted', 'constructor.name', 'f.prototype'])(
    'never resolves %s, even as an own property',
    (path) => {
      const hostile = JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"name": "x"}, "prototype": 1, "a": {}}');
      expect(getPath(hostile, path)).toBeUndefined();
      expect(getPath({ f: function f() {} }, path)).toBeUndefined();
      expect(getPath({}, path)).toBeUndefined();
    },
  );
});

describe('compilePath', () => {
  const paths = ['geo', 'geo.country', 'device.viewport.width', 'views.0.tags.0', 'nope', 'geo.nope', 'a.b.c.d', 'constructor.name'];

  it.each(paths)('agrees with getPath for %s', (path) => {
    expect(compilePath(path)(doc)).toEqual(getPath(doc, path));
  });

  it('returns the given value when a path does not resolve', () => {
    for (const path of ['nope', 'geo.nope', 'a.b.c', '__proto__']) expect(compilePath(path, null)(doc)).toBeNull();
    // A present null stays null, a present value is returned as is.
    expect(compilePath('nothing', 'missing')(doc)).toBeNull();
    expect(compilePath('zero', 'missing')(doc)).toBe(0);
  });

  it('never resolves inherited properties at any depth', () => {
    const obj = { a: Object.create({ b: 1 }), x: { y: Object.create({ z: 2 }) } };
    expect(compilePath('a.b')(obj)).toBeUndefined();
    expect(compilePath('x.y.z')(obj)).toBeUndefined();
    expect(compilePath('toString')(obj)).toBeUndefined();
  });
});

describe('compilePathThen', () => {
  it('hands the value (or the missing value) to the function', () => {
    const seen: unknown[] = [];
    const paths = ['geo.country', 'zero', 'views.0.tags.0', 'nope', 'geo.nope', 'a.b.c', 'constructor.name'];
    for (const path of paths) compilePathThen(path, (v) => seen.push(v), 'missing')(doc);
    expect(seen).toEqual(['FR', 0, 'ski', 'missing', 'missing', 'missing', 'missing']);
  });
});

describe('readParts', () => {
  it('reads like compilePath, forbidden segments included', () => {
    const paths = ['geo.country', 'zero', 'nothing', 'views.0.tags.0', 'views.1.tags', 'nope', 'geo.nope', 'zero.x', 'a.b.c', 'constructor.name', 'geo.__proto__', 'toString', ''];
    for (const path of paths) expect(readParts(doc, pathParts(path), 'missing')).toEqual(compilePath(path, 'missing')(doc));
    expect(pathParts('a.__proto__.b')).toBeNull();
    expect(readParts(null, pathParts('a'))).toBeUndefined();
  });
});
