import { collect } from '../capture/collect';
import { present } from '../capture/signals';
import type { State } from '../state';
import type { DecideResponse, SlotOutcome } from '../types';
import { log } from '../util';

/**
 * One decide request for `slots`, within the budget: `done` is called once, with the
 * response, or as `timeout` (the budget ran out first: a late answer is not applied)
 * or `error` (edge down, non-2xx, malformed JSON). The budget counts from this call,
 * when the SDK takes the slots on; before the script runs, the anti-flicker CSS timer
 * is what bounds the wait.
 *
 * The page and device are captured first, while storage opens; the request goes once
 * storage has answered or after the memory's short wait, with the record as it is in
 * memory then (this page's pageview and views are in it at once; context-only rules
 * need nothing more). The body goes as text/plain (fetch's default for a string): a
 * CORS simple request, no preflight.
 */
export const decide = (s: State, slots: string[], done: (outcome: SlotOutcome, res?: DecideResponse) => void): void => {
  const ac = new AbortController();
  const fin = (outcome: SlotOutcome, res?: DecideResponse): void => {
    if (!ac.signal.aborted) {
      clearTimeout(t);
      ac.abort();
      done(outcome, res);
    }
  };
  const t = setTimeout(fin, s.o.timeout, 'timeout');
  const page = present();
  s.settled_ = Promise.all([s.settled_, s.mem
    .idle()
    .then(() =>
      fetch(s.o.endpoint + '/v1/decide', {
        method: 'POST',
        signal: ac.signal,
        body: JSON.stringify({
          site: s.o.site,
          slots,
          visitor: s.mem.r.id,
          consent: s.consent_,
          signals: collect(s, page),
          preview: s.preview_,
          // A boolean, false included: the edge accepts both (bytes: no `|| undefined`).
          debug: s.o.debug,
        }),
      }),
    )
    .then((res) => {
      if (!res.ok) throw res.status;
      return res.json();
    })
    .then((res: DecideResponse) => {
      s.halfLife_ = res.interestHalfLifeDays || s.halfLife_;
      s.version_ = res.rulesVersion;
      fin('error', res);
    })
    .catch((e) => {
      log(e);
      fin('error');
    }),
  ]);
};
