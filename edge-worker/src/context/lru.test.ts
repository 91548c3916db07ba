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
