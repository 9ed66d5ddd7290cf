import type { Sql } from '../db.js';
import type { ReadStreamOptions } from '../eventStore.js';
import { wrappedKeysSql } from '../pii/keyring.js';
import { type EventRow, eventColumns } from './rows.js';

/**
 * A stream's events, each with the live keys of its sealed personal fields
 * (`wrappedKeysSql`): a command's decision reads its stream in one statement, not a
 * second one for the keys.
 */
export const readStreamSql = async (sql: Sql, schema: string, streamId: string, o: ReadStreamOptions = {}) =>
  (
    await sql.query<EventRow & { pii_keys: Record<string, string> }>(
      `select ${eventColumns}, ${wrappedKeysSql(schema, 'data')} as pii_keys from ${schema}.events
        where stream_id = $1
          and version >= coalesce($2::integer, 1)
          and version <= coalesce($3::integer, 2147483647)
          and ($4::timestamptz is null or occurred_at <= $4::timestamptz)
          and ($5::timestamptz is null or recorded_at <= $5::timestamptz)
        order by version`,
      [streamId, o.fromVersion ?? null, o.toVersion ?? null, o.asOf ?? null, o.knownAt ?? null],
    )
  ).rows;

export const streamVersionSql = async (sql: Sql, schema: string, streamId: string): Promise<number> => {
  const { rows } = await sql.query<{ version: number }>(`select version from ${schema}.streams where stream_id = $1`, [streamId]);
  return rows[0] ? Number(rows[0].version) : 0;
};

export const readByIdempotencyKeySql = async (sql: Sql, schema: string, actorId: string, key: string) =>
  (
    await sql.query<EventRow>(
      `select ${eventColumns} from ${schema}.events
        where metadata ? 'idempotencyKey' and metadata->'actor'->>'id' = $1 and metadata->>'idempotencyKey' = $2
        order by position`,
      [actorId, key],
    )
  ).rows;
