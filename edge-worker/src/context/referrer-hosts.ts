import type { ReferrerType } from '../protocol/index.ts';
import { REFERRER_DB } from './referrer-db.ts';

/** A known referrer: its type and short source name (`['search', 'google']`). */
export type ReferrerEntry = readonly [ReferrerType, string];

// Second-level labels under which a country code sits (`google.co.uk`, `google.com.br`);
// scripts/gen-referers.mjs makes `name.*` entries with the same rule.
const COUNTRY_SLDS = new Set(['co', 'com', 'net', 'org', 'ac', 'gov', 'edu', 'ne', 'or', 'go', 'gob', 'gouv']);

let table: Map<string, ReferrerEntry> | undefined;

/**
 * The generated database as a Map, built on first use: one Map entry per host (or
 * `name.*`), each line's entry object shared by its hosts.
 */
function hosts(): Map<string, ReferrerEntry> {
  if (table) return table;
  table = new Map();
  for (const [type, lines] of Object.entries(REFERRER_DB)) {
    for (const line of lines.split('\n')) {
      const [source, list] = line.split('|') as [string, string];
      const entry: ReferrerEntry = [type as ReferrerType, source];
      for (const host of list.split(',')) table.set(host, entry);
    }
  }
  return table;
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
  const db = hosts();
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
