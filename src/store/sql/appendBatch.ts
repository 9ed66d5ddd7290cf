import type { Sql } from '../db.js';
import type { EventMetadata } from '../eventStore.js';
import type { PreparedWrite } from './append.js';
import type { EventRow } from './rows.js';

export type BatchedAppend = { writes: PreparedWrite[]; metadata: EventMetadata };
/** `data` and `metadata` are null on the rows the batch wrote: the caller sent them (see migration 007). */
export type BatchRow = Omit<EventRow, 'data' | 'metadata'> & {
  data: unknown;
  metadata: EventMetadata | null;
  batch_index: number;
  error_code: string | null;
  error_detail: string | null;
};

/** One round trip, one transaction, for every append in the batch (see migrations 003 and 007). */
export const appendBatchSql = async (sql: Sql, schema: string, batch: readonly BatchedAppend[]) =>
  (await sql.query<BatchRow>(`select * from ${schema}.append_grouped($1::jsonb)`, [JSON.stringify(batch)])).rows;
