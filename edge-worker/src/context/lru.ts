/**
 * A tiny bounded LRU cache on a Map (a Map iterates in insertion order, so the
 * first key is the least recently used). Used for work that repeats per request
 * with the same input: UA parsing, time-zone formatters.
 */
export class Lru<K, V> {
  readonly #map = new Map<K, V>();

  /** @param max Entries kept; the least recently used one is dropped beyond it. */
  constructor(readonly max: number) {}

  /** The cached value, marked as recently used; `undefined` when absent. */
  get(key: K): V | undefined {
    const value = this.#map.get(key);
    if (value === undefined) return undefined;
    this.#map.delete(key);
    this.#map.set(key, value);
    return value;
  }

  /** Stores a value, evicting the least recently used entry when full. */
  set(key: K, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, value);
    if (this.#map.size > this.max) {
      const oldest = this.#map.keys().next();
      if (!oldest.done) this.#map.delete(oldest.value);
    }
  }

  /** Entries held now. */
  get size(): number {
    return this.#map.size;
  }
}
