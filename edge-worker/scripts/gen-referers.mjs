#!/usr/bin/env node
// Generates src/context/referrer-db.ts from the referrer databases in edge-worker/data/:
//   node edge-worker/scripts/gen-referers.mjs
// - snowplow-referers.json: Snowplow's referer-parser database (a dated release of
//   resources/referers.yml as JSON), sections unknown / email / social / search / paid;
// - matomo-ai-assistants.yml: Matomo's list of AI assistants (searchengine-and-social-list).
// To update, replace a data file with a newer release and run this script; a test checks
// that the committed module is what this script makes from the committed data.
//
// The module is a string per context type, a line per source: `source|host,host,…`. A host
// stands for itself and its subdomains; `name.*` stands for `name` under any country
// tail (`google.*` = google.de, google.co.uk …), made here from groups of such hosts.
// Three shorthands keep the Worker bundle small (src/context/referrer-hosts.ts expands
// them): `a+b.yahoo.com` is a.yahoo.com and b.yahoo.com, a trailing `.` stands for `.com`,
// and a line without `source|` names the source its first host names (`claude.ai` → claude).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

// Snowplow's sections as context types. When a host is listed twice, the first type here wins.
const SECTIONS = [['email', 'email'], ['paid', 'paid'], ['social', 'social'], ['search', 'search'], ['unknown', 'other']];
// Second-level labels under which a country code sits (`co.uk`, `com.br`); src/context/referrer-hosts.ts uses the same.
export const COUNTRY_SLDS = ['co', 'com', 'net', 'org', 'ac', 'gov', 'edu', 'ne', 'or', 'go', 'gob', 'gouv'];
// A name under at least this many country tails becomes one `name.*` entry.
const WILDCARD_MIN = 3;

/** `Yahoo! Mail` → `yahoo-mail`, `Outlook.com` → `outlook.com`, `ABCsøk` → `abcsok`. */
export function slug(name) {
  return name.replace(/ø/g, 'o').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-+|-+$/g, '');
}

/** Matomo's `Name:\n  - host` lists; anything else is an error, so a format change fails loudly. */
export function parseNameList(text) {
  const out = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.replace(/\s+#.*$/, '').trimEnd();
    if (!line.trim()) continue;
    const name = /^"?([^\s"][^"]*?)"?:$/.exec(line);
    const item = /^\s+-\s+(\S+)$/.exec(line);
    if (name) out.push({ name: name[1], domains: [] });
    else if (item && out.length) out.at(-1).domains.push(item[1]);
    else throw new Error(`line ${i + 1}: expected "Name:" or "  - host", got ${JSON.stringify(raw)}`);
  }
  return out;
}

/** Where the country tail of `labels` starts (`google.co.uk` → 1), as the lookup finds it. */
export function tailStart(labels) {
  const n = labels.length;
  if (n >= 3 && COUNTRY_SLDS.includes(labels[n - 2]) && labels[n - 1].length === 2) return n - 2;
  return n - 1;
}

/**
 * What `table` says of `host`: the host, then each parent domain, most specific first; at
 * each level the exact name before `name.*`. The same walk as lookupHost in
 * src/context/referrer-hosts.ts.
 */
export function lookup(table, host) {
  const labels = host.split('.');
  const start = tailStart(labels);
  for (let i = 0; i < labels.length; i++) {
    const exact = table.get(labels.slice(i).join('.'));
    if (exact) return exact;
    if (i < start) {
      const wild = table.get(`${labels.slice(i, start).join('.')}.*`);
      if (wild) return wild;
    }
  }
  return undefined;
}

/** Every [type, source, host] of the databases, hosts lowercased; entries with a path are left out. */
export function entries(snowplow, aiList) {
  const out = [];
  for (const { name, domains } of aiList) for (const d of domains) out.push(['ai', slug(name), d.toLowerCase()]);
  for (const [section, type] of SECTIONS) {
    for (const [name, { domains }] of Object.entries(snowplow[section] ?? {})) for (const d of domains) out.push([type, slug(name), d.toLowerCase()]);
  }
  return out;
}

/** The source name a line's first host gives when the line names none: the label before the country tail. */
function impliedSource(host) {
  const labels = host.split('.');
  return labels[tailStart(labels) - 1];
}

/**
 * One line of the module in its shorthand: hosts that differ only in their first label
 * joined with `+` (in first-seen order), `.com` written as a trailing `.`, and the source
 * left out when a group's first host implies it (that group then goes first).
 */
function encodeLine(source, hosts) {
  const groups = new Map(); // what follows the first label → first labels
  for (const host of hosts) {
    const dot = host.indexOf('.');
    const rest = host.slice(dot);
    if (!groups.has(rest)) groups.set(rest, []);
    groups.get(rest).push(host.slice(0, dot));
  }
  const items = [...groups].map(([rest, firsts]) => ({ first: firsts[0] + rest, text: firsts.join('+') + rest.replace(/\.com$/, '.') }));
  const implied = items.findIndex((item) => impliedSource(item.first) === source);
  if (implied < 0) return `${source}|${items.map((i) => i.text).join(',')}`;
  return [items[implied], ...items.filter((_, i) => i !== implied)].map((i) => i.text).join(',');
}

/** The database as the lookup sees it: host (or `name.*`) → "type|source", in generation order. */
export function referrerTable(snowplow, aiList) {
  const seen = new Set();
  const groups = new Map(); // "type|source" → hosts
  for (const [type, source, host] of entries(snowplow, aiList)) {
    // The context has the referrer's host only: a listed path can't be told apart from the rest of its host.
    if (host.includes('/') || seen.has(host)) continue;
    seen.add(host);
    const key = `${type}|${source}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(host);
  }
  const table = new Map(); // host or `name.*` → "type|source"
  for (const [key, hosts] of groups) {
    const byName = new Map();
    for (const host of hosts) {
      const labels = host.split('.');
      const start = tailStart(labels);
      if (start === 0) continue;
      const name = labels.slice(0, start).join('.');
      if (!byName.has(name)) byName.set(name, []);
      byName.get(name).push(host);
    }
    const wild = new Set();
    for (const [name, list] of byName) {
      if (list.length < WILDCARD_MIN || table.has(`${name}.*`)) continue;
      table.set(`${name}.*`, key);
      for (const h of list) wild.add(h);
    }
    for (const h of hosts) if (!wild.has(h)) table.set(h, key);
  }
  // A host that its parent domain (or a `name.*`) already resolves to the same source adds nothing.
  // (A `name.*` is tried as `name.zz`, a country tail no real host needs.)
  for (const [host, key] of [...table]) {
    table.delete(host);
    if (lookup(table, host.endsWith('.*') ? `${host.slice(0, -2)}.zz` : host) !== key) table.set(host, key);
  }
  return table;
}

/** The text of src/context/referrer-db.ts. */
export function generate(snowplow, aiList) {
  const table = referrerTable(snowplow, aiList);
  const lines = new Map(); // "type|source" → hosts
  for (const [host, key] of table) {
    if (!lines.has(key)) lines.set(key, []);
    lines.get(key).push(host);
  }
  const byType = {};
  for (const [key, hosts] of lines) {
    const [type, source] = key.split('|');
    const line = encodeLine(source, hosts);
    byType[type] = byType[type] ? `${byType[type]}\n${line}` : line;
  }
  return [
    '// Generated by scripts/gen-referers.mjs from data/snowplow-referers.json and data/matomo-ai-assistants.yml; do not edit.',
    '// Sources and licences: data/NOTICE.md.',
    '',
    '/** Known referrer hosts per context type, a line per source: `source|host,host,…` in the shorthand of scripts/gen-referers.mjs. */',
    `export const REFERRER_DB: Record<string, string> = ${JSON.stringify(byType, null, 1)};`,
    '',
  ].join('\n');
}

/** The committed data files, read. */
export function readSources() {
  return {
    snowplow: JSON.parse(readFileSync(join(root, 'data', 'snowplow-referers.json'), 'utf8')),
    aiList: parseNameList(readFileSync(join(root, 'data', 'matomo-ai-assistants.yml'), 'utf8')),
  };
}

export const OUTPUT = join(root, 'src', 'context', 'referrer-db.ts');

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { snowplow, aiList } = readSources();
  const text = generate(snowplow, aiList);
  writeFileSync(OUTPUT, text);
  console.log(`wrote ${OUTPUT} (${text.length} bytes)`);
}
