import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomSecret } from '../../sign/keys.ts';

/** Where a Node edge keeps the secret it made for itself, in its data directory. */
export const SECRET_FILE = 'secret';

/**
 * The secret of a Node edge that was given none: made once at random and kept in the
 * data directory (readable by its owner only), so decision tokens and visitor hashes
 * stay valid across restarts. `kairos preview-token --data DIR` reads it from there.
 */
export function dataDirSecret(dir: string): string {
  const file = join(dir, SECRET_FILE);
  try {
    const s = readFileSync(file, 'utf8').trim();
    if (s) return s;
  } catch {
    // none yet
  }
  mkdirSync(dir, { recursive: true });
  const s = randomSecret();
  writeFileSync(file, `${s}\n`, { mode: 0o600 });
  return s;
}
