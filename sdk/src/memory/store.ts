import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import { guard, now, rid } from '../util';
import { fresh, norm, type Rec } from './record';

/** How long one storage operation may take. */
const OP_MS = 1e3;

/** The visitor's memory: one record, in IndexedDB with consent, in memory otherwise. */
export interface Memory {
  /** The current record (read it after `mut` or `idle` resolves). */
  readonly r: Rec;
  /**
   * Applies `fn` to the record and resolves with what `fn` returned. When stored, the
   * read, `fn` and the write happen in one IndexedDB transaction (what idb-keyval's
   * `update` does), so several tabs writing at once lose no update. Never rejects:
   * when storage fails, hangs or is over quota, memory takes over for the rest of the
   * page and `fn` is applied there.
   */
  mut<T>(fn: (r: Rec) => T): Promise<T | undefined>;
  /** Starts storing (consent granted): `fn` is applied to the stored record, which becomes current. */
  start<T>(fn: (r: Rec) => T): Promise<T | undefined>;
  /** Erases the stored record; a record with a new id starts. `stop` also stops storing. */
  wipe(stop: boolean): Promise<unknown>;
  /** Resolves when every change asked for so far is done, or after `wait` ms at most. */
  idle(): Promise<unknown>;
}

/**
 * The record lives in database `kairos`, store `kv`. One storage operation may take
 * 1 s (`OP_MS`) before IndexedDB is given up for this page (it never opens, is
 * blocked, or hangs).
 *
 * @param key The record's key (the site id).
 * @param wait How long `idle()` waits at most: a decision does not wait longer for storage.
 */
export function memory(key: string, wait: number): Memory {
  let r = fresh(rid(), now());
  let st: UseStore | undefined;
  let last: Promise<unknown> = Promise.resolve();
  const mk = (): UseStore => createStore('kairos', 'kv');

  // One readwrite transaction; IndexedDB runs them in the order they were asked for.
  // `true` when it completed in time. A throw (no IndexedDB), a rejection (quota,
  // corrupt database) or a timeout gives `false` and stops storing.
  const run = (f: (os: IDBObjectStore) => unknown, s = st): Promise<boolean> =>
    (last = new Promise<boolean>((ok) => {
      setTimeout(ok, OP_MS, false);
      new Promise((res) => res(s!('readwrite', (os) => (f(os), promisifyRequest(os.transaction))))).then(() => ok(true), () => ok(false));
    }).then((ok) => (ok || s != st || (st = undefined), ok))) as Promise<boolean>;

  const mut = async <T>(fn: (r: Rec) => T): Promise<T | undefined> => {
    let x: Rec | undefined;
    let out: T | undefined;
    if (
      st &&
      (await run((os) => {
        const g = os.get(key);
        g.onsuccess = () => {
          try {
            x = norm(g.result, r.id, now());
            out = fn(x);
            os.put(x, key);
          } catch {
            // put throws over quota (or on a value it cannot clone): no half-written update.
            os.transaction.abort();
          }
        };
      })) &&
      x
    )
      return (r = x), out;
    return guard(fn)(r);
  };

  return {
    get r() {
      return r;
    },
    mut,
    start: (fn) => ((st ??= mk()), mut(fn)),
    wipe(stop) {
      const s = st ?? mk();
      if (stop) st = undefined;
      r = fresh(rid(), now());
      return run((os) => os.delete(key), s);
    },
    idle: () => Promise.race([last, new Promise((ok) => setTimeout(ok, wait))]),
  };
}
