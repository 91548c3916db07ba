/**
 * A tiny bounded LRU cache on a Map (a Map iterates in insertion order, so the first
 * key is the least recently used). Used for work that repeats per request with the same
 * input: UA parsing, time-zone formatters, referrer lookups.
 *
 * A hit moves its key to the back only when the key has fallen into the older half:
 * moving it on every hit (a delete and a set) showed in decide's profile, and a key read
 * at least once every `max / 2` insertions is never dropped all the same.
 */
export class Lru<K, V> {
  readonly #map = new Map<K, { value: V; stamp: number }>();
  /** Counts insertions and moves; an entry's stamp is the count when it went to the back. */
  #clock = 0;

  /** @param max Entries kept; the least recently used one is dropped beyond it. */
  constructor(readonly max: number) {}

  /** The cached value, marked as recently used; `undefined` when absent. */
  get(key: K): V | undefined {
    const entry = this.#map.get(key);
    if (entry === undefined) return undefined;
    if (this.#clock - entry.stamp >= this.max >> 1) {
      this.#map.delete(key);
      entry.stamp = ++this.#clock;
      this.#map.set(key, entry);
    }
    return entry.value;
  }

  /** Stores a value, evicting the least recently used entry when full. */
  set(key: K, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, { value, stamp: ++this.#clock });
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
