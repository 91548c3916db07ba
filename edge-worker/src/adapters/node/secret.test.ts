import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataDirSecret } from './secret.ts';

describe('dataDirSecret', () => {
  it('makes a random secret once, readable by its owner only, and keeps it across restarts', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'kairos-secret-')), 'data');
    const first = dataDirSecret(dir);
    expect(first).toMatch(/^[\w-]{43}$/);
    expect(dataDirSecret(dir)).toBe(first);
    expect(readFileSync(join(dir, 'secret'), 'utf8').trim()).toBe(first);
    expect(statSync(join(dir, 'secret')).mode & 0o077).toBe(0);
    expect(dataDirSecret(join(mkdtempSync(join(tmpdir(), 'kairos-secret-')), 'other'))).not.toBe(first);
  });
});
