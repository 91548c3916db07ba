import { promisifyRequest } from 'idb-keyval';
import { guard, now, rid } from '../util';
import { fresh, norm, type Rec } from './record';
import { OP_MS } from './time';

/** The visitor's memory: one record, in IndexedDB with consent, in memory otherwise. */
export interface Memory {
  /**
   * The current record. A change is in it at once; once `mut` or `idle` resolves it is
   * the stored record (with its own visitor id) when storage answered.
   */
  readonly r: Rec;
  /**
   * Applies `fn` to the record in memory at once and resolves with what `fn` returned.
   * When stored, `fn` is applied again to the stored record, the read, `fn` and the
   * write in one IndexedDB transaction (what idb-keyval's `update` does), so several
   * tabs writing at once lose no update; that record then becomes current. Never
   * rejects: when storage fails, hangs or is over quota, memory takes over for the rest
   * of the page and the change made in memory stays.
   */
  mut<T>(fn: (r: Rec) => T): Promise<T | undefined>;
  /** Starts storing (consent granted): `fn` is applied to the stored record, which becomes current. */
  start<T>(fn: (r: Rec) => T): Promise<T | undefined>;
  /** Erases the stored record; a record with a new id starts. `stop` also stops storing. */
  wipe(stop: boolean): Promise<unknown>;
  /** Resolves when every change asked for so far is done, or after `wait` ms at most (at once when `wait` is 0). */
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
  let st: Promise<IDBDatabase> | undefined;
  let last: Promise<unknown> = Promise.resolve();
  // One connection for the page, opened inside a promise: without IndexedDB (or where
  // open throws) it rejects, and storing stops. Byte-saving over idb-keyval's
  // createStore, whose reconnect after a closed connection this page does not need.
  const mk = (): Promise<IDBDatabase> =>
    new Promise((ok) => {
      const q = indexedDB.open('kairos');
      q.onupgradeneeded = () => q.result.createObjectStore('kv');
      ok(promisifyRequest(q));
    });

  // One readwrite transaction; IndexedDB runs them in the order they were asked for.
  // `true` when it completed in time. A throw (no IndexedDB), a rejection (quota,
  // corrupt database) or a timeout gives `false` and stops storing.
  const run = (f: (os: IDBObjectStore) => unknown, s = st): Promise<boolean> =>
    (last = new Promise<boolean>((ok) => {
      setTimeout(ok, OP_MS, false);
      s!.then((d) => {
        const os = d.transaction('kv', 'readwrite').objectStore('kv');
        f(os);
        return promisifyRequest(os.transaction);
      }).then(() => ok(true), () => ok(false));
    }).then((ok) => (ok || s != st || (st = undefined), ok))) as Promise<boolean>;

  const mut = async <T>(fn: (r: Rec) => T): Promise<T | undefined> => {
    let x: Rec | undefined;
    let y: T | undefined;
    // Applied to the record in memory at once: a decision sent before storage answers
    // sees it (a first visit's pageview and views), and it is what stays if storage fails.
    const out = guard(fn)(r);
    return st &&
      (await run((os) => {
        const g = os.get(key);
        g.onsuccess = () => {
          try {
            x = norm(g.result, r.id, now());
            y = fn(x);
            os.put(x, key);
          } catch {
            // put throws over quota (or on a value it cannot clone): no half-written update.
            os.transaction.abort();
          }
        };
      })) &&
      x
      ? ((r = x), y)
      : out;
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
    // wait 0: resolves at once (a value, not a timer: a timer fires late on a busy page).
    idle: () => Promise.race([last, !wait || new Promise((ok) => setTimeout(ok, wait))]),
  };
}
