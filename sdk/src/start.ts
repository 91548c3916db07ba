import { origin as from, present, previewOf } from './capture/signals';
import { initialConsent, mergeConsent } from './consent';
import type { Hooks, Raw } from './lazy/events';
import { lazy } from './lazy/load';
import { addView, interests, pageview, type Rec } from './memory/record';
import { memory } from './memory/store';
import { resolveOptions } from './options';
import { render } from './slots/render';
import type { Consent, DecideResponse, Decisions, Kairos, Options, SlotDecision, SlotOutcome } from './types';
import { guard, log, now, setDebug } from './util';

const SLOT = 'data-kairos-slot';
const CONTENT = 'data-kairos-content';

/**
 * Starts Kairos on this page and returns its API (the script-tag build puts it on
 * `window.kairos`): captures the context, decides every `[data-kairos-slot]` within the
 * budget, and goes on deciding slots added later and after SPA navigations.
 *
 * @param origin What `endpoint` defaults to. @default location.origin
 * @example
 * import { start } from '@kairos/sdk';
 * const kairos = start({ site: 'demo', endpoint: 'https://edge.example' });
 * kairos.on('decision', (d) => console.log(d.slot, d.variant, d.reason.id));
 */
export function start(options: Partial<Options>, origin = location.origin): Kairos {
  const o = resolveOptions(options ?? {}, origin, location.search);
  setDebug(o.debug);
  const doc = document;
  let cs: Consent = initialConsent(o.consent, (navigator as { globalPrivacyControl?: unknown }).globalPrivacyControl);
  // A decision waits for storage half its budget at most (slow disk, IndexedDB that never opens).
  const mem = memory(o.site as string, o.timeout / 2);
  const came = from(location.search, doc.referrer);
  const preview = previewOf(location.search);
  const decisions: Decisions = {};
  // Slot element → its decision, or 0 while it waits for one.
  const slots = new WeakMap<Element, SlotDecision | 0>();
  // Content element → the content id counted as its view.
  const seen = new WeakMap<Element, string>();
  const batches = new Set<Promise<unknown>>();
  // Events wait here until the events chunk has loaded; then `send` is the chunk's.
  const buf: Raw[] = [];
  let send = (e: Raw): unknown => buf.length < 50 && buf.push(e);
  let pend: Element[] = [];
  let path = location.pathname;
  let isNew = true;
  let version: string | undefined;
  // Interest half-life in days: the edge says it in each decide response.
  let half = 7;
  let later = 0;
  let vitals = (): unknown => 0;

  // Events are recorded only with some consent (analytics to send, personalization to count).
  const ev = (e: Omit<Raw, 'at'>): unknown => (cs.analytics || cs.personalization) && send({ at: now(), ...e });

  const signals = () => {
    const r = mem.r;
    // Stored behaviour goes to the edge only with personalization consent.
    const p = cs.personalization && { visitor: { sessions: r.n, firstSeen: r.f }, views: r.vw, interests: interests(r, now(), half), conversions: r.c };
    return { ...came, ...present(), session: { pageviews: r.pv, landing: r.l, isNew }, exposures: { session: r.se, visitor: p ? r.e : undefined }, assigned: p ? r.a : undefined, ...p };
  };

  const view = (id: unknown, tags: string[]): unknown =>
    cs.personalization && id && mem.mut((r) => addView(r, id + '', tags.filter(Boolean), now(), half));
  const convert = (goal: unknown, opts?: { value?: number }): unknown => ev({ type: 'conversion', goal: (goal + '').slice(0, 100), value: opts?.value });

  // Decides the slots found since the last call in one request, within the budget.
  // POST /v1/decide goes as text/plain (fetch's default for a string): a CORS simple request, no preflight.
  const flush = (): void => {
    const els = pend.filter((el) => !slots.has(el));
    const ac = new AbortController();
    // Settles the batch once: with the response, or as `timeout` / `error` (default content).
    const fin = (outcome: SlotOutcome, res?: DecideResponse): void => {
      if (!ac.signal.aborted) {
        clearTimeout(t);
        ac.abort();
        for (const el of els) {
          const slot = el.getAttribute(SLOT)!;
          const d = res?.decisions?.[slot];
          let s: SlotDecision = { slot, outcome, reason: { outcome, id: slot + ':-:' + outcome } };
          try {
            if (d?.reason?.id) {
              if (d.variant && d.content) render(el, d.content);
              s = { ...d, outcome: d.reason.outcome };
            }
          } catch (e) {
            log(e);
          }
          slots.set(el, s);
          decisions[slot] = s;
          el.setAttribute('data-kairos-state', outcome == 'timeout' ? outcome : s.variant ? 'decided' : 'default');
          // `kairos.on('decision')` listens to this DOM event on document.
          el.dispatchEvent(new CustomEvent('kairos:decision', { bubbles: true, detail: s }));
          if (outcome == 'timeout') ev({ type: outcome, slot, reason: s.reason.id });
        }
      }
    };
    pend = [];
    if (!els.length) return;
    for (const el of els) slots.set(el, 0);
    // After the budget a late decision is not applied: the slots keep their default content.
    // The budget counts from here, when the SDK takes the slots on; before the script runs,
    // the anti-flicker CSS timer is what bounds the wait.
    const t = setTimeout(fin, o.timeout, 'timeout');
    const p: Promise<unknown> = mem
      .idle()
      .then(() =>
        fetch(o.endpoint + '/v1/decide', {
          method: 'POST',
          signal: ac.signal,
          body: JSON.stringify({
            site: o.site,
            slots: [...new Set(els.map((el) => el.getAttribute(SLOT)))],
            visitor: mem.r.id,
            consent: cs,
            signals: signals(),
            preview,
            debug: o.debug || undefined,
          }),
        }),
      )
      .then((res) => {
        if (!res.ok) throw res.status;
        return res.json();
      })
      .then((res: DecideResponse) => {
        half = res.interestHalfLifeDays || half;
        version = res.rulesVersion;
        fin('error', res);
      })
      // Edge down, 5xx, malformed JSON, aborted: the slots keep their default content.
      .catch((e) => {
        log(e);
        fin('error');
      })
      .finally(() => batches.delete(p));
    batches.add(p);
  };

  // Finds slots and content views in `root`, itself included.
  const scan = (root: Element): void => {
    for (const el of [root, ...root.querySelectorAll(`[${SLOT}],[${CONTENT}]`)]) {
      const id = el.getAttribute(CONTENT);
      if (id && seen.get(el) != id) {
        seen.set(el, id);
        view(id, (el.getAttribute('data-kairos-tags') ?? '').split(/\s*,\s*/));
      }
      if (el.hasAttribute(SLOT) && !slots.has(el)) {
        if (!pend.length) queueMicrotask(guard(flush));
        pend.push(el);
      }
    }
  };
  // Every decision so far, once the slots found until now have settled.
  const refresh = (): Promise<Decisions> => {
    guard(scan)(doc.documentElement);
    guard(flush)();
    return Promise.all(batches).then(() => ({ ...decisions }));
  };

  // A pageview (a new session after 30 min without one).
  const boot = (r: Rec): void => {
    isNew = pageview(r, path, now());
  };
  // Slots and content added later are found without polling (elements added; an
  // attribute changed on an element already there is seen by refresh()). An SPA navigation
  // (pushState, replaceState, popstate) shows when the new route renders: the path has
  // changed, so a pageview is counted before its slots are decided. No history patching.
  new MutationObserver(
    guard((ms: MutationRecord[]) => {
      if (location.pathname != path) {
        path = location.pathname;
        void mem.mut(boot);
      }
      for (const m of ms) for (const n of m.addedNodes) if (n.nodeType == 1) scan(n as Element);
    }),
  ).observe(doc, { childList: true, subtree: true });
  doc.addEventListener(
    'click',
    guard((e: Event) => {
      const g = (e.target as Element).closest?.<HTMLElement>('[data-kairos-goal]');
      if (g) convert(g.dataset.kairosGoal);
    }),
    true,
  );

  // After the first decisions, lazily, with any consent: the events chunk (exposures,
  // the queue; it loads web-vitals itself with analytics consent).
  const lazies = (): void => {
    vitals();
    if (!later && (cs.personalization || cs.analytics)) {
      later = 1;
      const h: Hooks = { o, mem, buf, decisions, slots, consent: () => cs, version: () => version };
      void lazy<{ default: (h: Hooks) => [typeof send, typeof vitals] }>(o.base, 'events').then((m) => m && ([send, vitals] = m.default(h)));
    }
  };

  // With consent, storage starts (and counts this page).
  void (cs.personalization ? mem.start : mem.mut)(boot);
  void refresh();

  const api: Kairos = {
    ready: new Promise((ok) => (doc.readyState == 'loading' ? doc.addEventListener('DOMContentLoaded', ok) : ok(0)))
      .then(refresh)
      .then((d) => (lazies(), d)),
    decisions,
    context: signals,
    view: (v) => view(v.id, v.tags ?? []),
    convert,
    consent(u) {
      const was = cs;
      cs = mergeConsent(cs, u);
      // Granted: storage starts from now on. Withdrawn: what was stored is erased.
      if (cs.personalization != was.personalization) void (cs.personalization ? mem.start(boot) : mem.wipe(true));
      // Analytics withdrawn: waiting events are dropped (the queue checks consent before it sends).
      if (!cs.analytics) buf.length = 0;
      lazies();
      return { ...cs };
    },
    refresh,
    on(name, fn) {
      const h = (e: Event): void => guard(fn)((e as CustomEvent).detail);
      doc.addEventListener('kairos:' + name, h);
      return () => doc.removeEventListener('kairos:' + name, h);
    },
    forget: () => ((buf.length = 0), mem.wipe(false)) as Promise<void>,
  };
  // Every public method is guarded: a throw is logged (debug only), never passed to the page.
  for (const k in api) {
    const f = api[k as keyof Kairos];
    if (typeof f == 'function') (api as unknown as Record<string, unknown>)[k] = guard(f as (...a: unknown[]) => unknown);
  }
  if (o.debug) void api.ready.then(() => lazy<{ default: (k: Kairos) => void }>(o.base, 'overlay')).then((m) => m?.default(api));
  return api;
}
