import { z } from 'zod';

/**
 * The backup's on-disk format (the manual's 安全防范: every update backed up, elsewhere).
 *
 * A backup directory holds `manifest.json` and `segments/NNNNNN.ndjson`. Each segment
 * line is one raw event row: every column needed to restore the event byte for byte,
 * its hash chain link and its global position. `data` and `metadata` are kept as the
 * database's own JSON text (jsonb's canonical spelling) rather than re-encoded, so a
 * restore writes back exactly what was hashed; instants keep their microseconds.
 */
export const backupFormat = 'customer-ledger-backup';
export const backupFormatVersion = 1;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex');
const TxId = z.string().regex(/^\d+$/, 'a transaction id');
const UtcInstant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/, 'an instant in UTC with microseconds');

export const BackupRow = z.strictObject({
  position: z.number().int().positive(),
  id: z.uuid(),
  streamId: z.string().min(1),
  version: z.number().int().positive(),
  type: z.string().min(1),
  schemaVersion: z.number().int().positive(),
  data: z.string(),
  metadata: z.string(),
  occurredAt: UtcInstant,
  recordedAt: UtcInstant,
  txId: TxId,
  prevHash: Sha256.nullable(),
  hash: Sha256,
});
export type BackupRow = z.infer<typeof BackupRow>;

/** Where a backup stands in the source's gap-free log (see sql/readLog.ts). */
export const BackupCursor = z.strictObject({ txId: TxId, position: z.number().int().nonnegative() });
export type BackupCursor = z.infer<typeof BackupCursor>;

export const SegmentEntry = z.strictObject({
  file: z.string().regex(/^segments\/\d{6}\.ndjson$/),
  sha256: Sha256,
  bytes: z.number().int().nonnegative(),
  events: z.number().int().positive(),
  /** The cursor after the segment's last row. */
  cursor: BackupCursor,
  writtenAt: z.string(),
});
export type SegmentEntry = z.infer<typeof SegmentEntry>;

/** A stream's head when the backup was last written: its version and last hash. */
export const StreamHead = z.strictObject({ version: z.number().int().positive(), lastHash: Sha256 });
export type StreamHead = z.infer<typeof StreamHead>;

/** The personal-data keys' segment (see keys.ts): rewritten whole by each run. */
export const KeysEntry = z.strictObject({
  file: z.literal('keys.ndjson'),
  sha256: Sha256,
  keys: z.number().int().nonnegative(),
  erased: z.number().int().nonnegative(),
  writtenAt: z.string(),
});
export type KeysEntry = z.infer<typeof KeysEntry>;
export const keysFile = 'keys.ndjson';

export const Manifest = z.strictObject({
  format: z.literal(backupFormat),
  formatVersion: z.literal(backupFormatVersion),
  source: z.strictObject({ kind: z.enum(['postgres', 'pglite']), location: z.string(), schema: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  events: z.number().int().nonnegative(),
  cursor: BackupCursor,
  /** The last row backed up, to recognise the same event log on the next run. */
  last: z.strictObject({ position: z.number().int().positive(), id: z.uuid(), hash: Sha256, txId: TxId }).nullable(),
  segments: z.array(SegmentEntry),
  streams: z.record(z.string(), StreamHead),
  /** Absent in backups of stores from before migration 006. */
  keys: KeysEntry.optional(),
});
export type Manifest = z.infer<typeof Manifest>;

export const manifestName = 'manifest.json';
export const segmentsDir = 'segments';
export const segmentFile = (n: number): string => `${segmentsDir}/${String(n).padStart(6, '0')}.ndjson`;
