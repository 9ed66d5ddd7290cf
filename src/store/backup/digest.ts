import { createHash } from 'node:crypto';
import type { BackupRow } from './format.js';

/**
 * The event hash recomputed outside the database, so that a backup is checked before
 * anything is written. It must equal `digest` in migrations/002_append.ts: SHA-256 over
 * the previous hash followed by `jsonb_build_object(...)::text`, whose spelling is
 * PostgreSQL's jsonb output — keys ordered by length then bytes, `": "` and `", "`
 * separators, instants to the millisecond. `data` and `metadata` are already jsonb text.
 */
const text = (s: string): string => JSON.stringify(s); // jsonb escapes strings as JSON.stringify does
const millis = (utcMicros: string): string => `${utcMicros.slice(0, 23)}Z`; // to_char's MS truncates

export const canonicalEvent = (row: BackupRow): string =>
  `{"id": ${text(row.id)}, "data": ${row.data}, "type": ${text(row.type)}, "version": ${row.version}, ` +
  `"metadata": ${row.metadata}, "streamId": ${text(row.streamId)}, "occurredAt": ${text(millis(row.occurredAt))}, ` +
  `"recordedAt": ${text(millis(row.recordedAt))}, "schemaVersion": ${row.schemaVersion}}`;

export const eventDigest = (row: BackupRow): string =>
  createHash('sha256')
    .update((row.prevHash ?? '') + canonicalEvent(row), 'utf8')
    .digest('hex');
