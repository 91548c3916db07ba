import type { ReferrerType } from '../protocol/index.ts';
import { REFERRER_DB } from './referrer-db.ts';

/** A known referrer: its type and short source name (`['search', 'google']`). */
export type ReferrerEntry = readonly [ReferrerType, string];

// Second-level labels under which a country code sits (`google.co.uk`, `google.com.br`);
// scripts/gen-referers.mjs makes `name.*` entries with the same rule.
const COUNTRY_SLDS = new Set(['co', 'com', 'net', 'org', 'ac', 'gov', 'edu', 'ne', 'or', 'go', 'gob', 'gouv']);

let table: Map<string, ReferrerEntry> | undefined;

/**
 * The generated database as a Map: one Map entry per host (or `name.*`), each line's
 * entry object shared by its hosts. Expands the shorthand of scripts/gen-referers.mjs:
 * `a+b.yahoo.com` is two hosts, a trailing `.` is `.com`, and a line without `source|`
 * takes the source its first host names.
 */
export function parseReferrerDb(db: Readonly<Record<string, string>>): Map<string, ReferrerEntry> {
  const out = new Map<string, ReferrerEntry>();
  for (const [type, lines] of Object.entries(db)) {
    for (const line of lines.split('\n')) {
      const bar = line.indexOf('|');
      const hosts = line.slice(bar + 1).split(',').flatMap((item) => {
        const dot = item.indexOf('.');
        const rest = item.endsWith('.') ? `${item.slice(dot)}com` : item.slice(dot);
        return item.slice(0, dot).split('+').map((first) => first + rest);
      });
      const entry: ReferrerEntry = [type as ReferrerType, bar < 0 ? impliedSource(hosts[0]!) : line.slice(0, bar)];
      for (const host of hosts) out.set(host, entry);
    }
  }
  return out;
}

/** The source a line's first host names when the line names none: the label before the country tail (`chat.deepseek.com` → deepseek). */
function impliedSource(host: string): string {
  const labels = host.split('.');
  return labels[tailStart(labels) - 1]!;
}

/** Where the country tail of `labels` starts: `google.co.uk` → 1, `google.de` → 1, `google` → 0. */
function tailStart(labels: string[]): number {
  const n = labels.length;
  if (n >= 3 && COUNTRY_SLDS.has(labels[n - 2]!) && labels[n - 1]!.length === 2) return n - 2;
  return n - 1;
}

/**
 * The database entry for a lowercase host: the host itself, then each parent domain, most
 * specific first, at each level the exact name before `name.*` (`name` under any country
 * tail). So `mail.google.com` (email) beats `google.*` (search), and `m.facebook.com`
 * falls back to `facebook.com`. One or two Map lookups per label, no regex.
 */
export function lookupHost(host: string): ReferrerEntry | undefined {
  const db = (table ??= parseReferrerDb(REFERRER_DB));
  const labels = host.split('.');
  const start = tailStart(labels);
  for (let i = 0; i < labels.length; i++) {
    const exact = db.get(i === 0 ? host : labels.slice(i).join('.'));
    if (exact) return exact;
    if (i < start) {
      const wild = db.get(`${labels.slice(i, start).join('.')}.*`);
      if (wild) return wild;
    }
  }
  return undefined;
}
