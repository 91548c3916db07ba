import type { RequestMeta } from './types.ts';
import type { ContentView, ContextDocument, Signals } from '../protocol/index.ts';
import { bounded, clampInt, clampNum, flag } from './bounds.ts';
import { daypartOf, localTime } from './daypart.ts';
import { deriveDevice } from './device.ts';
import { classifyReferrer } from './referrer.ts';

/** Site knowledge that refines the context; all optional. */
export interface DeriveOptions {
  /** The site's hosts; a referrer on one of them is `internal`. */
  siteHosts?: string[];
  /** Host of the page being decided for. */
  pageHost?: string;
  /** Content views kept, newest last. @default 50 */
  maxViews?: number;
}

/** Tags kept per content view. */
export const MAX_TAGS = 20;
/** Keys kept in `interests` and in `conversions`. */
export const MAX_KEYS = 100;
const MAX_COUNT = 1_000_000;
const DAY_MS = 86_400_000;
const NONE: string[] = [];

/**
 * The context document rules match on, from the SDK's raw signals and the edge's
 * request metadata. Every field the document promises is filled (`''`, `0`, `false`
 * by default), every string is cut to a bound before any rule's regex sees it, every
 * number is clamped. Without personalization consent the stored-behaviour fields
 * (`visitor`, `views`, `interests`, `conversions`) are empty, whatever the SDK sent.
 *
 * @param now The decision time; `visitor.daysSinceFirst` and the UTC fallback of `time` use it.
 */
export function deriveContext(
  signals: Signals,
  meta: RequestMeta,
  consent: { personalization: boolean; analytics: boolean },
  now: Date,
  opts: DeriveOptions = {},
): ContextDocument {
  const s = signals ?? {};
  const personalization = flag(consent.personalization);
  const utm = {
    source: bounded(s.utm?.source),
    medium: bounded(s.utm?.medium),
    campaign: bounded(s.utm?.campaign),
    term: bounded(s.utm?.term),
    content: bounded(s.utm?.content),
  };
  const path = bounded(s.page?.path);
  const time = localTime(s.time, now);
  const sessions = personalization ? clampInt(s.visitor?.sessions, 0, MAX_COUNT) : 0;

  return {
    page: { path, title: bounded(s.page?.title), type: bounded(s.page?.type, 64) || pageType(path) },
    referrer: classifyReferrer(bounded(s.referrer), {
      utm,
      clickIds: Array.isArray(s.clickIds) && s.clickIds.length ? s.clickIds.slice(0, 20).map((id) => bounded(id, 32)) : NONE,
      pageHost: opts.pageHost,
      siteHosts: opts.siteHosts,
    }),
    utm,
    device: deriveDevice(s, meta.userAgent),
    time: { hour: time.hour, weekday: time.weekday, daypart: daypartOf(time.hour), timezone: time.timezone },
    geo: { country: bounded(meta.country, 2).toUpperCase(), region: bounded(meta.region, 64) },
    session: {
      pageviews: clampInt(s.session?.pageviews, 0, MAX_COUNT),
      landing: bounded(s.session?.landing),
      isNew: flag(s.session?.isNew),
    },
    visitor: {
      sessions,
      returning: sessions > 1,
      daysSinceFirst: personalization ? daysSince(s.visitor?.firstSeen, now) : 0,
    },
    views: personalization ? boundedViews(s.views, opts.maxViews ?? 50) : [],
    interests: personalization ? boundedRecord(s.interests, (v) => clampNum(v, 0, MAX_COUNT, 0)) : Object.create(null),
    conversions: personalization ? boundedRecord(s.conversions, (v) => clampInt(v, 0, MAX_COUNT)) : Object.create(null),
    consent: { personalization, analytics: flag(consent.analytics) },
  };
}

/** `home` for the site root, `page` otherwise (the SDK's own type wins when it sent one). */
function pageType(path: string): string {
  return path === '/' || path === '/index.html' ? 'home' : 'page';
}

/** Whole days since `firstSeen` (epoch ms), never negative; 0 when unknown. */
function daysSince(firstSeen: unknown, now: Date): number {
  if (typeof firstSeen !== 'number' || !Number.isFinite(firstSeen) || firstSeen <= 0) return 0;
  return Math.max(0, Math.floor((now.getTime() - firstSeen) / DAY_MS));
}

/** The newest `max` views (newest last), each with a bounded id and tag list. */
function boundedViews(views: ContentView[] | undefined, max: number): ContentView[] {
  if (!Array.isArray(views) || max <= 0) return [];
  const out: ContentView[] = [];
  for (const v of views.slice(-max)) {
    const id = bounded(v?.id);
    if (!id) continue;
    const tags = Array.isArray(v.tags) ? v.tags.slice(0, MAX_TAGS).map((t) => bounded(t, 64)).filter(Boolean) : [];
    out.push({ id, tags, at: clampNum(v.at, 0, Number.MAX_SAFE_INTEGER, 0) });
  }
  return out;
}

/**
 * At most MAX_KEYS entries with bounded keys and coerced values. The result has no
 * prototype, so a rule reading `interests.constructor` finds nothing inherited.
 */
function boundedRecord(record: Record<string, number> | undefined, value: (v: unknown) => number): Record<string, number> {
  const out: Record<string, number> = Object.create(null);
  if (!record || typeof record !== 'object') return out;
  let n = 0;
  for (const key of Object.keys(record)) {
    if (n >= MAX_KEYS) break;
    const k = bounded(key, 64);
    if (!k || k in out) continue;
    out[k] = value(record[key]);
    n++;
  }
  return out;
}
