import type { Sql } from '../db.js';
import type { LogCursor } from '../eventStore.js';
import { type EventRow, eventColumns } from './rows.js';

/**
 * The gap-free read of the global log (the transaction-id technique).
 *
 * Ordering by position alone can skip events: a transaction may take position 7,
 * commit after another took 8 and committed, and a reader that already moved past 8
 * never comes back for 7. So every row keeps the id of the transaction that wrote it
 * (`tx_id = pg_current_xact_id()`), and a reader takes only rows whose transaction is
 * older than the oldest transaction still running (`pg_snapshot_xmin`): no row can
 * appear behind those any more, and none of them is uncommitted. Readers resume after
 * the last (tx_id, position) they saw — both parts, since one transaction writes many
 * positions and positions do not follow transaction ids.
 *
 * The append lock (migration 002) already makes positions follow commit order; this
 * read stays correct without relying on it.
 */
export const readLogSql = async (sql: Sql, schema: string, after: LogCursor, limit: number) =>
  (
    await sql.query<EventRow>(
      // Qualified: the select list renames tx_id::text to tx_id, and an unqualified
      // ORDER BY would sort by that text ('9' after '10') and miss the index.
      `select ${eventColumns} from ${schema}.events e
        where (e.tx_id, e.position) > ($1::xid8, $2::bigint)
          and e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
        order by e.tx_id, e.position
        limit $3`,
      [after.txId, after.position, limit],
    )
  ).rows;
