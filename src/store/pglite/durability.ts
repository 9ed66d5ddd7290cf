import { closeSync, fsyncSync, openSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite writes its files through Node without fsync: a commit survives the process
 * dying, not the machine losing power. When asked, we fsync the write-ahead log after
 * each commit — PostgreSQL replays it on start, so a synced WAL makes the commit
 * durable. Only segments written since the last sync are flushed.
 */
export const walSyncer = (dataDir: string): (() => Promise<void>) => {
  const wal = join(dataDir, 'pg_wal');
  let since = 0;
  return async () => {
    const started = Date.now();
    for (const name of readdirSync(wal)) {
      const path = join(wal, name);
      const st = statSync(path);
      if (!st.isFile() || st.mtimeMs < since) continue;
      const fd = openSync(path, 'r+');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    const dir = openSync(wal, 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
    // A little slack: mtimes have coarse resolution on some filesystems.
    since = started - 2000;
  };
};
