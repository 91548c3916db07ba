import type { EventsRequest, KairosEvent } from '../types';
import type { Memory } from '../memory/store';
import { MAX_QUEUE } from '../memory/record';
import { guard } from '../util';

/**
 * The events queue: batched (a request per second at most while the page is visible),
 * sent with `sendBeacon` when the page is hidden and `fetch` keepalive otherwise, as
 * `text/plain` JSON (no CORS preflight). Events that cannot go (offline, network error,
 * 5xx, 429) are parked in the visitor's memory — on the device with consent — bounded
 * to MAX_QUEUE, and re-sent on `online`, on the next page and after the next
 * successful send; their ids let the edge drop duplicates.
 *
 * @param head The batch envelope at sending time (site, visitor, rules version).
 * @param allowed Whether events may leave the page (analytics consent).
 */
export function queue(endpoint: string, head: () => Omit<EventsRequest, 'events'>, mem: Memory, allowed: () => boolean) {
  const url = endpoint + '/v1/events';
  const hidden = (): boolean => document.visibilityState == 'hidden';
  let q: KairosEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const park = (b: KairosEvent[]): unknown => mem.mut((r) => (r.q = [...r.q, ...b].slice(-MAX_QUEUE)));

  const flush = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (!allowed()) q = [];
    while (q.length) {
      const b = q.splice(0, 20);
      const body = JSON.stringify({ ...head(), events: b });
      if (!navigator.onLine) park(b);
      else if (!(hidden() && navigator.sendBeacon(url, body)))
        fetch(url, { method: 'POST', body, keepalive: true })
          .then((res) => {
            if (res.status > 499 || res.status == 429) throw 0;
            if (mem.r.q.length) void drain();
          })
          .catch(() => park(b));
    }
  };

  /** Re-queues parked events (taken out in one transaction, so only one tab re-sends them). */
  const drain = (): Promise<void> =>
    mem
      .mut((r) => {
        const p = r.q;
        r.q = [];
        return p;
      })
      .then((p) => {
        q.push(...(p ?? []));
        send();
      });

  // Listeners are guarded: nothing here may throw into the page (an old browser without sendBeacon…).
  const send = guard(flush);
  addEventListener('visibilitychange', () => hidden() && send());
  addEventListener('pagehide', send);
  addEventListener('online', () => void drain());

  return {
    /** Queues an event; on a hidden page it goes at once (the page may never be seen again). */
    push: guard((e: KairosEvent): void => {
      if (allowed()) {
        q.push(e);
        if (hidden()) flush();
        else timer ??= setTimeout(send, 1e3);
      }
    }),
    drain,
    /** Drops every queued and parked event (analytics consent withdrawn, forget). */
    clear(): Promise<unknown> {
      q = [];
      return mem.mut((r) => (r.q = []));
    },
  };
}

export type Queue = ReturnType<typeof queue>;
