// Builds the SDK once before the browser suite (the edge serves sdk/dist).
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function globalSetup(): void {
  const sdk = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  execFileSync(process.execPath, [join(sdk, 'build.mjs')], { cwd: sdk, stdio: 'pipe' });
}
