import type { Sql } from '../db.js';
import type { EventMetadata } from '../eventStore.js';
import type { PreparedWrite } from './append.js';
import type { EventRow } from './rows.js';

export type BatchedAppend = { writes: PreparedWrite[]; metadata: EventMetadata };
export type BatchRow = EventRow & { batch_index: number; error_code: string | null; error_detail: string | null };

/** One round trip, one transaction, for every append in the batch (see migration 003). */
export const appendBatchSql = async (sql: Sql, schema: string, batch: readonly BatchedAppend[]) =>
  (await sql.query<BatchRow>(`select * from ${schema}.append_batch($1::jsonb)`, [JSON.stringify(batch)])).rows;
