import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchFile, type FileWatch } from './watch-file.ts';

/** The most a save may take to be noticed; a slow shared machine, not a sleep. */
const NOTICE_MS = 5000;

let watch: FileWatch | undefined;
let dir = '';

afterEach(() => {
  watch?.close();
  watch = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Watches `file` and hands out one promise per expected call, rejected after NOTICE_MS. */
function watched(file: string): { next(what: string): Promise<void>; calls(): number } {
  let calls = 0;
  let wake: (() => void) | undefined;
  watch = watchFile(file, () => {
    calls++;
    wake?.();
  }, 20);
  return {
    calls: () => calls,
    next: (what) =>
      new Promise<void>((ok, fail) => {
        const t = setTimeout(() => fail(new Error(`${what} was not noticed within ${NOTICE_MS} ms`)), NOTICE_MS);
        wake = () => {
          clearTimeout(t);
          wake = undefined;
          ok();
        };
      }),
  };
}

describe('watchFile', () => {
  it('notices writes in place and atomic renames over the file, again and again', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-watch-'));
    const file = join(dir, 'rules.json');
    writeFileSync(file, '1');
    const w = watched(file);

    const saves: [string, () => void][] = [
      ['a write in place', () => writeFileSync(file, '2')],
      ['a rename over the file', () => {
        writeFileSync(join(dir, 'rules.json.tmp'), '3');
        renameSync(join(dir, 'rules.json.tmp'), file);
      }],
      // The bug this guards: after a rename, a watch on the file itself sees nothing more.
      ['a second rename', () => {
        writeFileSync(join(dir, '.rules.json.swp'), '4');
        renameSync(join(dir, '.rules.json.swp'), file);
      }],
      ['a write in place after the renames', () => writeFileSync(file, '5')],
    ];
    for (const [what, save] of saves) {
      const seen = w.next(what);
      save();
      await seen;
    }
    expect(w.calls()).toBeGreaterThanOrEqual(saves.length);
  });

  it('ignores other files in the folder', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-watch-'));
    const file = join(dir, 'rules.json');
    writeFileSync(file, '1');
    const w = watched(file);
    // A watch on the other file, with the same quiet time, is the barrier: once it has
    // fired, a call for the same event on rules.json would have fired too.
    let other: FileWatch | undefined;
    const otherSeen = new Promise<void>((ok, fail) => {
      const t = setTimeout(() => fail(new Error('the other file was not noticed')), NOTICE_MS);
      other = watchFile(join(dir, 'other.json'), () => (clearTimeout(t), ok()), 20);
    });
    writeFileSync(join(dir, 'other.json'), 'x');
    writeFileSync(join(dir, 'rules.json.tmp'), 'y');
    await otherSeen.finally(() => other?.close());
    await new Promise((r) => setImmediate(r));
    expect(w.calls()).toBe(0);
  });
});
