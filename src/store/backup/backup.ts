import * as TE from 'fp-ts/TaskEither';
import { createHash, type Hash } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Sql } from '../db.js';
import { ownerOnly, syncDir } from './files.js';
import { type BackupCursor, type BackupRow, backupFormat, backupFormatVersion, type Manifest, type SegmentEntry, segmentFile, segmentsDir, type StreamHead } from './format.js';
import { assertBackupDir, BackupRefused, type BackupProblem, readManifest, refuse, removeLeftovers, writeManifest } from './manifestFile.js';
import { takePidLock } from './pidLock.js';
import { exportRowsSql, findRowSql } from './sql.js';
import { exportKeysSql, writeKeys } from './keys.js';

export type BackupSource = Manifest['source'];

export type BackupOptions = {
  source: BackupSource;
  /** Events per segment (the last one of a run may hold fewer). */
  segmentEvents?: number;
  /** Stop after this many new segments: bounds one run; the next continues. */
  maxSegments?: number;
  pageSize?: number;
  onSegment?: (segment: SegmentEntry, totalEvents: number) => void;
  now?: () => Date;
};

export type BackupSummary = {
  dir: string;
  written: SegmentEntry[];
  totalEvents: number;
  cursor: BackupCursor;
  /** Files an interrupted earlier run left, removed before continuing. */
  removedLeftovers: string[];
  /** True when the run stopped at `maxSegments` with more of the log to copy. */
  more: boolean;
};

type OpenSegment = { file: string; fd: number; hash: Hash; bytes: number; events: number; heads: Map<string, StreamHead>; last: BackupRow | null };

const newManifest = (source: BackupSource, at: string): Manifest => ({
  format: backupFormat,
  formatVersion: backupFormatVersion,
  source,
  createdAt: at,
  updatedAt: at,
  events: 0,
  cursor: { txId: '0', position: 0 },
  last: null,
  segments: [],
  streams: {},
});

/** The manifest's last row must still be in this log, unchanged: else this is another log's backup. */
const assertSameLog = async (db: Sql, schema: string, dir: string, manifest: Manifest) => {
  const last = manifest.last;
  if (!last) return;
  const row = await findRowSql(db, schema, last.position, last.id);
  if (!row || row.hash !== last.hash || row.tx_id !== last.txId) {
    refuse({
      code: 'ForeignBackup',
      message: `${dir} holds a backup of another event log (its last event, position ${last.position}, is not in this one as it was): back up into a new directory`,
    });
  }
};

const openSegment = (dir: string, n: number): OpenSegment => {
  const file = segmentFile(n);
  const fd = openSync(join(dir, `${file}.tmp`), 'w', ownerOnly.file);
  fchmodSync(fd, ownerOnly.file); // a leftover of that name keeps its mode through open
  return { file, fd, hash: createHash('sha256'), bytes: 0, events: 0, heads: new Map(), last: null };
};

const writeRow = (seg: OpenSegment, row: BackupRow) => {
  const line = Buffer.from(`${JSON.stringify(row)}\n`, 'utf8');
  writeSync(seg.fd, line);
  seg.hash.update(line);
  seg.bytes += line.length;
  seg.events += 1;
  seg.heads.set(row.streamId, { version: row.version, lastHash: row.hash });
  seg.last = row;
};

/** Segment first (synced, renamed into place), manifest last: a crash in between leaves only a leftover. */
const commitSegment = (dir: string, manifest: Manifest, seg: OpenSegment, at: string): SegmentEntry => {
  fsyncSync(seg.fd);
  closeSync(seg.fd);
  renameSync(join(dir, `${seg.file}.tmp`), join(dir, seg.file));
  syncDir(join(dir, segmentsDir));
  const last = seg.last!;
  const entry: SegmentEntry = {
    file: seg.file,
    sha256: seg.hash.digest('hex'),
    bytes: seg.bytes,
    events: seg.events,
    cursor: { txId: last.txId, position: last.position },
    writtenAt: at,
  };
  manifest.segments.push(entry);
  manifest.events += seg.events;
  manifest.cursor = entry.cursor;
  manifest.last = { position: last.position, id: last.id, hash: last.hash, txId: last.txId };
  for (const [streamId, head] of seg.heads) manifest.streams[streamId] = head;
  manifest.updatedAt = at;
  writeManifest(dir, manifest);
  return entry;
};

/** One pass: the events committed since the manifest's cursor, as new segments. The caller holds the directory's lock. */
export const backupPass = async (db: Sql, schema: string, dir: string, o: BackupOptions): Promise<BackupSummary> => {
  const now = () => (o.now ?? (() => new Date()))().toISOString();
  const segmentEvents = o.segmentEvents ?? 10_000;
  const pageSize = Math.min(o.pageSize ?? 1_000, segmentEvents);
  mkdirSync(join(dir, segmentsDir), { recursive: true, mode: ownerOnly.dir });
  assertBackupDir(dir);
  const existing = readManifest(dir);
  if (existing) await assertSameLog(db, schema, dir, existing);
  const removedLeftovers = removeLeftovers(dir, existing);
  const manifest = existing ?? newManifest(o.source, now());
  const written: SegmentEntry[] = [];
  let seg: OpenSegment | null = null;
  let caughtUp = false;
  try {
  while (o.maxSegments === undefined || written.length < o.maxSegments) {
    const limit = Math.min(pageSize, segmentEvents - (seg?.events ?? 0));
    const rows = await exportRowsSql(db, schema, seg?.last ?? manifest.cursor, limit);
    if (rows.length > 0) {
      seg ??= openSegment(dir, manifest.segments.length + 1);
      for (const row of rows) writeRow(seg, row);
    }
    caughtUp = rows.length < limit;
    if (seg && (seg.events >= segmentEvents || caughtUp)) {
      const entry = commitSegment(dir, manifest, seg, now());
      written.push(entry);
      o.onSegment?.(entry, manifest.events);
      seg = null;
    }
    if (caughtUp) break;
  }
  } catch (error) {
    // A failed read (the database went away): the open file is a leftover the next pass
    // removes, and its descriptor must not outlive this pass (a follower retries for days).
    const open = seg as OpenSegment | null;
    if (open) closeSync(open.fd);
    throw error;
  }
  if (!existing && written.length === 0) writeManifest(dir, manifest);
  // After the events: every key a copied event was sealed with existed before it was appended.
  // Only when events were copied: keys are made for appends and destroyed by erasure events,
  // so a run that copied none has no change of keys to carry.
  if (written.length > 0) writeKeys(dir, manifest, await exportKeysSql(db, schema), now());
  return { dir, written, totalEvents: manifest.events, cursor: manifest.cursor, removedLeftovers, more: !caughtUp };
};

/**
 * Copies the event log's new events into `dir` (see format.ts): resumes after the
 * manifest's cursor, so every run appends new segments only; safe while the service
 * writes (the gap-free read), and after a crash (leftovers are removed, nothing is
 * copied twice). One run at a time per directory.
 */
export const backupEventLog = (db: Sql, schema: string, dir: string, options: BackupOptions): TE.TaskEither<BackupProblem, BackupSummary> =>
  TE.tryCatch(
    async () => {
      mkdirSync(dir, { recursive: true, mode: ownerOnly.dir });
      const lock = takePidLock(join(dir, '.backup.lock'), 'backup');
      if ('heldBy' in lock) {
        return refuse({ code: 'BackupInUse', message: `${dir} is being written by another backup (process ${lock.heldBy.pid})` });
      }
      try {
        return await backupPass(db, schema, dir, options);
      } finally {
        lock.release();
      }
    },
    (e) => {
      if (e instanceof BackupRefused) return e.problem;
      throw e;
    },
  );
