import type { Sql } from '../db.js';
import type { BackupCursor, BackupRow } from './format.js';

/**
 * The raw statements of backup and restore. Export reads the gap-free log exactly as
 * sql/readLog.ts does (rows of transactions older than every running one, after the
 * cursor), so a backup taken while the service writes never skips an event.
 */
const utcMicros = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

type ExportedRow = Omit<BackupRow, 'position'> & { position: number | string };

export const exportRowsSql = async (sql: Sql, s: string, after: BackupCursor, limit: number): Promise<BackupRow[]> => {
  const { rows } = await sql.query<ExportedRow>(
    `select position, id::text as "id", stream_id as "streamId", version, type, schema_version as "schemaVersion",
            data::text as "data", metadata::text as "metadata",
            ${utcMicros('occurred_at')} as "occurredAt", ${utcMicros('recorded_at')} as "recordedAt",
            tx_id::text as "txId", prev_hash as "prevHash", hash
       from ${s}.events
      where (tx_id, position) > ($1::xid8, $2::bigint)
        and tx_id < pg_snapshot_xmin(pg_current_snapshot())
      order by tx_id, position
      limit $3`,
    [after.txId, after.position, limit],
  );
  return rows.map((r) => ({ ...r, position: Number(r.position), version: Number(r.version), schemaVersion: Number(r.schemaVersion) }));
};

/** The row a manifest names as its last, if this log holds it unchanged. */
export const findRowSql = async (sql: Sql, s: string, position: number, id: string) => {
  const { rows } = await sql.query<{ hash: string; tx_id: string }>(
    `select hash, tx_id::text as tx_id from ${s}.events where position = $1 and id = $2::uuid`,
    [position, id],
  );
  return rows[0] ?? null;
};

export const isEmptySql = async (sql: Sql, s: string): Promise<boolean> => {
  const { rows } = await sql.query<{ empty: boolean }>(
    `select not exists (select 1 from ${s}.events) and not exists (select 1 from ${s}.streams) as empty`,
  );
  return rows[0]?.empty === true;
};

/**
 * Inserts rows as they were: ids, positions (overriding the identity), times and hashes.
 * `tx_id` is this transaction's: the source's ids mean nothing here, and one id for the
 * whole restore keeps the log's order the order of positions.
 */
export const insertRowsSql = async (sql: Sql, s: string, rows: readonly BackupRow[]): Promise<void> => {
  await sql.query(
    `insert into ${s}.events (position, id, stream_id, version, type, schema_version, data, metadata, occurred_at, recorded_at, prev_hash, hash)
     overriding system value
     select r.position, r.id, r.stream_id, r.version, r.type, r.schema_version, r.data::jsonb, r.metadata::jsonb,
            r.occurred_at, r.recorded_at, r.prev_hash, r.hash
       from jsonb_to_recordset($1::jsonb) as r(position bigint, id uuid, stream_id text, version integer, type text,
            schema_version integer, data text, metadata text, occurred_at timestamptz, recorded_at timestamptz,
            prev_hash text, hash text)
      order by r.position`,
    [
      JSON.stringify(
        rows.map((r) => ({
          position: r.position,
          id: r.id,
          stream_id: r.streamId,
          version: r.version,
          type: r.type,
          schema_version: r.schemaVersion,
          data: r.data,
          metadata: r.metadata,
          occurred_at: r.occurredAt,
          recorded_at: r.recordedAt,
          prev_hash: r.prevHash,
          hash: r.hash,
        })),
      ),
    ],
  );
};

/** After the rows: each stream's head, and the identity continuing after the last position. */
export const finishRestoreSql = async (sql: Sql, s: string): Promise<void> => {
  await sql.query(
    `insert into ${s}.streams (stream_id, version, last_hash)
     select distinct on (stream_id) stream_id, version, hash from ${s}.events order by stream_id, version desc`,
  );
  await sql.query(
    `select setval(pg_get_serial_sequence('${s}.events', 'position'), max(position)) from ${s}.events having count(*) > 0`,
  );
};
