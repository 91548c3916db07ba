import type { ContextDocument } from '../src/protocol/index.ts';
import type { RulesFile } from '../src/rules/types.ts';
import { seededRng } from '../src/learn/beta.ts';

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const TAGS = ['ski', 'camping', 'running', 'outdoor', 'kids', 'sale', 'boots', 'tents'] as const;
const TERMS = ['ski boots', 'tent', 'running shoes', 'ski jacket', 'sleeping bag', 'trail', ''] as const;
const REFERRERS = ['search', 'social', 'email', 'paid', 'internal', 'direct', 'other'] as const;
const COUNTRIES = ['CH', 'AT', 'DE', 'FR', 'US', 'GB', 'IT', 'SE'] as const;

/** The shape of one rule's condition, varied per slot so no two rules are alike. */
function condition(r: () => number, i: number): Record<string, unknown> {
  switch (i % 8) {
    case 0: return { 'referrer.type': pick(r, REFERRERS), 'utm.term': { $regex: pick(r, ['ski', 'tent', 'run']) } };
    case 1: return { 'device.type': { $in: ['mobile', 'tablet'] }, 'time.hour': { $gte: Math.floor(r() * 12), $lt: 12 + Math.floor(r() * 12) } };
    case 2: return { [`interests.${pick(r, TAGS)}`]: { $gte: 1 + Math.floor(r() * 3) } };
    case 3: return { views: { $elemMatch: { tags: pick(r, TAGS) } }, 'session.pageviews': { $gt: 1 } };
    case 4: return { $or: [{ 'geo.country': { $in: [pick(r, COUNTRIES), pick(r, COUNTRIES)] } }, { 'utm.campaign': 'winter-sale' }] };
    case 5: return { 'time.daypart': pick(r, ['morning', 'afternoon', 'evening', 'night']), 'visitor.returning': true };
    case 6: return { [`conversions.${pick(r, ['add-to-cart', 'purchase'])}`]: { $exists: false }, 'page.path': { $regex: '^/products/' } };
    default: return { $and: [{ 'device.os': { $ne: 'ios' } }, { 'utm.source': { $in: ['newsletter', 'google', 'facebook'] } }] };
  }
}

/** 50 slots × 3 rules, each rule a 2-way split. */
export function makeRules(slots = 50, rulesPerSlot = 3): RulesFile {
  const r = seededRng(42);
  const out: RulesFile = { site: 'bench', slots: {} };
  for (let s = 0; s < slots; s++) {
    out.slots[`slot-${s}`] = {
      rules: Array.from({ length: rulesPerSlot }, (_, k) => ({
        id: `r${k}`,
        when: condition(r, s * rulesPerSlot + k),
        variants: [{ id: 'a', weight: 1, text: 'A' }, { id: 'b', weight: 1, text: 'B' }],
      })),
    };
  }
  return out;
}

/** Random context documents, as the edge derives them. */
export function makeContexts(n: number): ContextDocument[] {
  const r = seededRng(7);
  return Array.from({ length: n }, (_, i) => {
    const hour = Math.floor(r() * 24);
    const tags = [pick(r, TAGS), pick(r, TAGS)];
    return {
      page: { path: pick(r, ['/', '/products/ski-1', '/c/camping', '/products/tent-2', '/cart']), title: 'Page', type: 'page' },
      referrer: { host: 'www.google.com', type: pick(r, REFERRERS), source: 'google' },
      utm: { source: pick(r, ['newsletter', 'google', 'facebook', '']), medium: '', campaign: pick(r, ['winter-sale', '']), term: pick(r, TERMS), content: '' },
      device: { type: pick(r, ['mobile', 'tablet', 'desktop'] as const), os: pick(r, ['ios', 'android', 'windows']), browser: 'chrome', touch: r() < 0.5, viewport: { width: 390, height: 800 }, saveData: false, language: 'en' },
      time: { hour, weekday: Math.floor(r() * 7), daypart: hour < 5 || hour >= 22 ? 'night' : hour < 12 ? 'morning' : hour < 17 ? 'afternoon' : 'evening', timezone: 'Europe/Zurich' },
      geo: { country: pick(r, COUNTRIES), region: '' },
      session: { pageviews: 1 + Math.floor(r() * 6), landing: '/', isNew: r() < 0.3 },
      visitor: { sessions: 1 + Math.floor(r() * 5), returning: r() < 0.5, daysSinceFirst: Math.floor(r() * 90) },
      views: [{ id: `sku-${i % 97}`, tags, at: 0 }],
      interests: { [tags[0]!]: 1 + Math.floor(r() * 3), [tags[1]!]: 1 },
      conversions: (r() < 0.2 ? { purchase: 1 } : {}) as Record<string, number>,
      consent: { personalization: true, analytics: true },
    };
  });
}
