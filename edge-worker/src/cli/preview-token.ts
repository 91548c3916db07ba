/**
 * `kairos preview-token --slot hero --variant ski-hero [--ttl 1h]`: a preview link's
 * query for an edge that is not in dev mode. Signed with the edge's secret, taken from
 * `--secret`, else `KAIROS_SECRET`, else the secret file of a Node edge's data dir
 * (`--data`, default `.kairos-data/node`). Node only.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SECRET_FILE } from '../adapters/node/secret.ts';
import { edgeKeys } from '../sign/keys.ts';
import { PREVIEW_TOKEN_KEY, previewToken } from '../sign/preview-token.ts';
import { SLUG } from '../rules/schema.ts';
import type { CliOutput } from './validate.ts';

/** What the command needs; `main.ts` reads it from the flags. */
export interface PreviewTokenArgs {
  /** `slot:variant` pairs. */
  pairs: string[];
  /** Like `30m`, `1h`, `7d`. @default '1h' */
  ttl?: string;
  secret?: string;
  dataDir?: string;
  /** @default Date.now() */
  now?: number;
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** A preview link is for a QA session, not a campaign. */
const MAX_TTL_MS = 30 * 86_400_000;

function secretOf(a: PreviewTokenArgs): string | undefined {
  if (a.secret) return a.secret;
  if (process.env.KAIROS_SECRET) return process.env.KAIROS_SECRET;
  try {
    return readFileSync(join(resolve(a.dataDir ?? '.kairos-data/node'), SECRET_FILE), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Prints `?kairos_preview=…,_token:…` and when it expires; returns the exit code. */
export async function runPreviewToken(a: PreviewTokenArgs, out: CliOutput): Promise<number> {
  const pairs: Record<string, string> = {};
  for (const p of a.pairs) {
    const [slot, variant, extra] = p.split(':');
    if (!slot || !variant || extra !== undefined || !SLUG.test(slot) || !SLUG.test(variant)) {
      out.error(`error: "${p}" is not slot:variant (two ids of the rules file, like hero:ski-hero)`);
      return 2;
    }
    pairs[slot] = variant;
  }
  if (!Object.keys(pairs).length) {
    out.error('error: say what to preview: --slot hero --variant ski-hero (or --preview hero:ski-hero,promo:b)');
    return 2;
  }
  const ttl = /^(\d+)([smhd])$/.exec(a.ttl ?? '1h');
  const ms = ttl ? Number(ttl[1]) * UNITS[ttl[2]!]! : NaN;
  if (!(ms > 0 && ms <= MAX_TTL_MS)) {
    out.error(`error: --ttl "${a.ttl}" must be a duration like 30m, 1h or 7d, at most 30d`);
    return 2;
  }
  const secret = secretOf(a);
  if (!secret) {
    out.error('error: no secret: pass --secret, set KAIROS_SECRET, or --data the Node edge\'s data dir (it keeps its secret there)');
    return 1;
  }
  const expires = (a.now ?? Date.now()) + ms;
  const token = await previewToken(edgeKeys(secret), pairs, expires);
  const list = Object.entries(pairs).map(([s, v]) => `${s}:${v}`).join(',');
  out.log(`?kairos_preview=${list},${PREVIEW_TOKEN_KEY}:${token}`);
  out.log(`valid until ${new Date(Math.floor(expires / 1000) * 1000).toISOString()}, for exactly these slots and variants`);
  return 0;
}
