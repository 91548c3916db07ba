// The referrer database: the committed module is what scripts/gen-referers.mjs makes from
// the committed data, and classifyReferrer says of each database host what the database says.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without type declarations
import { entries, generate, OUTPUT, readSources, referrerTable, slug } from '../scripts/gen-referers.mjs';
import { REFERRER_DB } from '../src/context/referrer-db.ts';
import { parseReferrerDb } from '../src/context/referrer-hosts.ts';
import { classifyReferrer } from '../src/context/referrer.ts';

type Entry = [type: string, source: string, host: string];
const { snowplow, aiList } = readSources();
const all = entries(snowplow, aiList) as Entry[];

/** Share of `list` whose host (its part before a path) classifies as the database says. */
function agreement(list: Entry[], field: 'type' | 'source'): number {
  const hits = list.filter(([type, source, host]) => {
    const got = classifyReferrer(host.split('/')[0]!, {});
    return field === 'type' ? got.type === type : got.source === source;
  }).length;
  return hits / list.length;
}

describe('referrer database', () => {
  it('is generated from the shipped data (run node edge-worker/scripts/gen-referers.mjs after changing it)', () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe(generate(snowplow, aiList));
  });

  it('expands from its shorthand to exactly the table it was generated from', () => {
    const parsed = [...parseReferrerDb(REFERRER_DB)].map(([host, [type, source]]) => [host, `${type}|${source}`] as const);
    const table = [...(referrerTable(snowplow, aiList) as Map<string, string>)];
    expect(parsed.length).toBeGreaterThan(600);
    expect(new Map(parsed)).toEqual(new Map(table));
  });

  it('names sources with short lowercase slugs', () => {
    expect(slug('Yahoo! Mail')).toBe('yahoo-mail');
    expect(slug('Outlook.com')).toBe('outlook.com');
    expect(slug('ABCs\u00f8k')).toBe('abcsok');
  });

  it.each([
    ['search', 0.95],
    ['social', 0.95],
    ['email', 0.95],
    ['paid', 0.95],
    ['ai', 0.95],
    ['other', 0.95],
  ])('classifies %s hosts as the database says (floor %s)', (type, floor) => {
    const list = all.filter((e) => e[0] === type);
    expect(list.length).toBeGreaterThan(0);
    expect(agreement(list, 'type')).toBeGreaterThanOrEqual(floor);
  });

  it('classifies at least 95 % of all database entries with the database type', () => {
    // Entries with a path (`google.de/imgres`) count too, judged by their host.
    expect(agreement(all, 'type')).toBeGreaterThanOrEqual(0.95);
  });

  it('takes every host-only entry exactly as listed', () => {
    const hostOnly = all.filter((e) => !e[2].includes('/'));
    const wrong = hostOnly.filter(([type, source, host]) => {
      const got = classifyReferrer(host, {});
      return got.type !== type || got.source !== source;
    });
    expect(wrong).toEqual([]);
  });

  it('classifies webmail as email, not search', () => {
    for (const host of ['mail.yahoo.com', 'mail.yandex.ru', 'mail.naver.com', 'mail.google.com', 'outlook.live.com', 'mail.daum.net', 'mail.qq.com']) {
      expect(classifyReferrer(host, {}).type, host).toBe('email');
    }
  });
});
