import * as TE from 'fp-ts/TaskEither';
import type { Db } from '../db.js';
import { verifySql } from '../sql/verify.js';
import type { Manifest, SegmentEntry } from './format.js';
import { BackupRefused, type BackupProblem, readManifest, refuse } from './manifestFile.js';
import { checkChains, checkHeads, type Heads, readSegment } from './segments.js';
import { finishRestoreSql, insertRowsSql, isEmptySql } from './sql.js';
import { readKeys, restoreKeysSql } from './keys.js';

export type CheckedBackup = { manifest: Manifest; events: number; streams: number };
export type RestoreSummary = CheckedBackup & { lastPosition: number };
export type RestoreProgress = (phase: 'checked' | 'restored', segment: SegmentEntry, index: number, of: number) => void;

const guard = <A>(run: () => Promise<A>): TE.TaskEither<BackupProblem, A> =>
  TE.tryCatch(run, (e) => {
    if (e instanceof BackupRefused) return e.problem;
    throw e;
  });

const check = (dir: string, onProgress?: RestoreProgress): CheckedBackup => {
  const manifest = readManifest(dir) ?? refuse({ code: 'ManifestInvalid', message: `${dir} holds no manifest.json: it is not a backup` });
  const heads: Heads = new Map();
  let events = 0;
  manifest.segments.forEach((entry, i) => {
    const rows = readSegment(dir, entry);
    checkChains(entry, rows, heads);
    events += rows.length;
    onProgress?.('checked', entry, i + 1, manifest.segments.length);
  });
  checkHeads(manifest, heads, events);
  readKeys(dir, manifest);
  return { manifest, events, streams: heads.size };
};

/** Reads every segment and checks checksums, rows and chains, writing nothing anywhere. */
export const checkBackup = (dir: string, onProgress?: RestoreProgress): TE.TaskEither<BackupProblem, CheckedBackup> =>
  guard(async () => check(dir, onProgress));

const notEmpty = (): BackupProblem => ({ code: 'StoreNotEmpty', message: 'the store already holds events: restore only into an empty store' });
const batch = 500;

/**
 * Restores a backup into an empty store: the whole backup is checked first (nothing is
 * written if any segment or chain is wrong), then every row is inserted as it was in one
 * transaction, stream heads and the position sequence are rebuilt, and the store's own
 * verify must pass before it commits. Projections are rebuilt by the caller.
 */
export const restoreEventLog = (db: Db, schema: string, dir: string, onProgress?: RestoreProgress): TE.TaskEither<BackupProblem, RestoreSummary> =>
  guard(async () => {
    if (!(await isEmptySql(db, schema))) refuse(notEmpty());
    const checked = check(dir, onProgress);
    const lastPosition = await db.transaction(async (tx) => {
      // Appends wait for the restore; one that came first makes the store not empty.
      await tx.query(`select pg_advisory_xact_lock(hashtext($1))`, [`${schema}.append`]);
      if (!(await isEmptySql(tx, schema))) refuse(notEmpty());
      let last = 0;
      for (const [i, entry] of checked.manifest.segments.entries()) {
        const rows = readSegment(dir, entry); // re-read: the checksum again guards what is inserted
        for (let from = 0; from < rows.length; from += batch) await insertRowsSql(tx, schema, rows.slice(from, from + batch));
        for (const r of rows) last = Math.max(last, r.position);
        onProgress?.('restored', entry, i + 1, checked.manifest.segments.length);
      }
      await finishRestoreSql(tx, schema);
      await restoreKeysSql(tx, schema, readKeys(dir, checked.manifest));
      const report = await verifySql(tx, schema);
      if (report.firstBroken || report.events !== checked.events) {
        const b = report.firstBroken;
        refuse({
          code: 'ChainBroken',
          message: b
            ? `after restoring, the store's verify finds stream ${b.streamId} version ${b.version} broken: nothing was restored`
            : `after restoring, the store holds ${report.events} events, not ${checked.events}: nothing was restored`,
          segment: '',
          line: 0,
        });
      }
      return last;
    });
    return { ...checked, lastPosition };
  });
