import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Sql } from '../db.js';
import { type BackupOptions, backupPass, type BackupSummary } from './backup.js';
import { ownerOnly } from './files.js';
import { BackupRefused, type BackupProblem } from './manifestFile.js';
import { takePidLock } from './pidLock.js';

export type FollowOptions = BackupOptions & {
  /** Every commit reaches the directory within this long (while the database answers). */
  maxDelayMs: number;
  /** Stops the follower after its current pass. */
  signal: AbortSignal;
  onPass?: (summary: BackupSummary) => void | Promise<void>;
  /** A pass that failed for a reason that may pass (the database restarting): it is tried again. */
  onError?: (error: unknown, failuresInARow: number) => void | Promise<void>;
};

export type FollowEnd = { stopped: true } | { refused: BackupProblem };

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });

/**
 * 备份每次更新过的文件: keeps shipping the log into `dir`, a pass every half of
 * `maxDelayMs`, so a commit is in a verified segment within `maxDelayMs` of becoming
 * readable. Each pass is `backup`'s: it resumes from the manifest, so a follower that was
 * killed (its leftovers are removed) or a database that restarted (the pass fails and is
 * tried again, with a growing pause up to `maxDelayMs`) picks up where the last
 * manifest stands. A refusal (another log's backup, a foreign directory) ends it.
 */
export const followEventLog = async (db: Sql, schema: string, dir: string, o: FollowOptions): Promise<FollowEnd> => {
  mkdirSync(dir, { recursive: true, mode: ownerOnly.dir });
  const lock = takePidLock(join(dir, '.backup.lock'), 'backup --follow');
  if ('heldBy' in lock) return { refused: { code: 'BackupInUse', message: `${dir} is being written by another backup (process ${lock.heldBy.pid})` } };
  const interval = Math.max(50, o.maxDelayMs / 2);
  let failures = 0;
  try {
    while (!o.signal.aborted) {
      try {
        await o.onPass?.(await backupPass(db, schema, dir, o));
        failures = 0;
      } catch (error) {
        if (error instanceof BackupRefused) return { refused: error.problem };
        failures += 1;
        await o.onError?.(error, failures);
      }
      await pause(failures === 0 ? interval : Math.min(o.maxDelayMs, interval * 2 ** Math.min(failures, 6)), o.signal);
    }
    return { stopped: true };
  } finally {
    lock.release();
  }
};
