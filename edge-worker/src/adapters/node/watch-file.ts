import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

/** A running watch; `close()` stops it and drops a pending call. */
export interface FileWatch {
  close(): void;
}

/**
 * Calls `onChange` once a burst of changes to `path` is over, however the file is
 * saved: written in place, or a new file renamed over it (`mv`, `sed -i`, editors'
 * atomic save). `fs.watch` on the file itself follows its inode, which such a save
 * replaces, so later saves would go unseen: the directory is watched instead, and
 * its events are filtered by file name.
 *
 * @param debounceMs Quiet time after the last event before the call. @default 50
 * @example const w = watchFile('demo-site/rules.json', () => void reload()); … w.close();
 */
export function watchFile(path: string, onChange: () => void, debounceMs = 50): FileWatch {
  const full = resolve(path);
  const name = basename(full);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watcher: FSWatcher = watch(dirname(full), (_event, file) => {
    // A platform that gives no name could mean this file: reload rather than miss it.
    if (file !== null && file !== name) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  });
  // The folder going away must not crash the edge: it keeps serving the last good rules.
  watcher.on('error', () => watcher.close());
  return {
    close: () => {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
