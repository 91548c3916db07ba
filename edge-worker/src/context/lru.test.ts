import { expect, it } from 'vitest';
import { Lru } from './lru.ts';

it('keeps at most max entries, dropping the least recently used', () => {
  const lru = new Lru<string, number>(2);
  lru.set('a', 1);
  lru.set('b', 2);
  expect(lru.get('a')).toBe(1); // a is now the most recent
  lru.set('c', 3);
  expect(lru.size).toBe(2);
  expect(lru.get('b')).toBeUndefined();
  expect(lru.get('a')).toBe(1);
  expect(lru.get('c')).toBe(3);
});

it('stays bounded when every entry has been read, and keeps what is read often', () => {
  const lru = new Lru<number, number>(3);
  for (let i = 0; i < 3; i++) lru.set(i, i);
  for (let i = 0; i < 3; i++) lru.get(i);
  for (let i = 3; i < 100; i++) {
    expect(lru.get(0)).toBe(0); // read between every insert: never the one dropped
    lru.set(i, i);
    expect(lru.size).toBe(3);
  }
  expect(lru.get(99)).toBe(99);
  expect(lru.get(50)).toBeUndefined();
});

it('updates a value in place', () => {
  const lru = new Lru<string, number>(2);
  lru.set('a', 1);
  lru.set('a', 2);
  expect(lru.get('a')).toBe(2);
  expect(lru.size).toBe(1);
});
