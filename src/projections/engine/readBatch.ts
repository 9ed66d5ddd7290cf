import type { Sql } from '../../store/db.js';
import type { EventMetadata, LogCursor } from '../../store/eventStore.js';
import type { EventRegistry } from '../../store/registry.js';
import type { EventRow } from '../../store/sql/rows.js';
import type { LogEvent } from './projection.js';

export type CursoredEvent = LogEvent & {
  cursor: LogCursor;
  /** The trace context of the append that wrote it (read only while tracing, see observability/tracing.ts). */
  traceparent?: string;
};

export type Batch = {
  events: CursoredEvent[];
  /** Where the reader stands after this batch: past every event it may skip. */
  cursor: LogCursor;
  /** True when nothing readable is left beyond `cursor`. */
  caughtUp: boolean;
};

/** The store's event row without what projections never read; metadata only when asked for; instants as text. */
type Row = Omit<EventRow, 'id' | 'hash' | 'metadata' | 'occurred_at' | 'recorded_at'> & {
  horizon: boolean;
  metadata: EventMetadata | null;
  traceparent: string | null;
  occurred_at: string;
  recorded_at: string;
};

/**
 * An instant column as `Date#toISOString` writes it (the store keeps milliseconds,
 * migration 004). Read as text, not as a timestamptz that the driver parses into a Date
 * for us to print again: that parsing was 6 % of a rebuild's process.
 */
const isoText = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const columns = (metadata: boolean, traceLinks: boolean) =>
  `e.tx_id, e.position, e.stream_id, e.version, e.type, e.schema_version, e.data, ${metadata ? 'e.metadata' : 'null::jsonb as metadata'}, ${isoText('e.occurred_at')} as occurred_at, ${isoText('e.recorded_at')} as recorded_at, ${traceLinks ? "e.metadata->>'traceparent'" : 'null::text'} as traceparent`;

/**
 * The next batch of the events a projection handles, read gap-free (the rule of the
 * store's `sql/readLog.ts`: only rows of transactions older than the snapshot's xmin,
 * in `(tx_id, position)` order) and of its types only.
 *
 * Each type is one ordered range of the `(type, tx_id, position)` index, cut at the
 * batch size; the ranges are merged in log order (a Merge Append), so a batch costs
 * the rows it returns, not the log behind them. (One scan filtered by `type = any(..)`
 * invites a plan that bitmap-scans the whole rest of the log and sorts it, once per
 * batch: quadratic in the log.)
 *
 * The same statement, hence the same snapshot, reads the horizon: the last readable
 * event of any type. When the batch is not full, everything up to the horizon has been
 * seen and the cursor moves there — a projection that handles none of the recent
 * events still moves past them (waitForPosition relies on it).
 */
export const readBatch = async (
  sql: Sql,
  schema: string,
  options: { after: LogCursor; types: readonly string[]; limit: number; metadata: boolean; registry: EventRegistry; traceLinks?: boolean },
): Promise<Batch> => {
  const { after, types, limit, registry } = options;
  const readable = `(e.tx_id, e.position) > ($1::xid8, $2::bigint) and e.tx_id < (select xmin from snap)`;
  const ranges = types.map(
    (_, i) => `(select ${columns(options.metadata, options.traceLinks ?? false)} from ${schema}.events e
                 where e.type = $${i + 4} and ${readable} order by e.tx_id, e.position limit $3)`,
  );
  const { rows } = await sql.query<Row>(
    `with snap as materialized (select pg_snapshot_xmin(pg_current_snapshot()) as xmin)
     (select false as horizon, b.tx_id::text as tx_id, b.position, b.stream_id, b.version, b.type, b.schema_version,
             b.data, b.metadata, b.occurred_at, b.recorded_at, b.traceparent
        from (${ranges.join(' union all ')}) b
       order by b.tx_id, b.position
       limit $3)
     union all
     (select true, e.tx_id::text, e.position, null, null, null, null, null, null, null, null, null
        from ${schema}.events e where e.tx_id < (select xmin from snap)
       order by e.tx_id desc, e.position desc limit 1)`,
    [after.txId, after.position, limit, ...types],
  );
  const events: CursoredEvent[] = [];
  let horizon: LogCursor | null = null;
  for (const r of rows) {
    const cursor = { txId: r.tx_id, position: Number(r.position) };
    if (r.horizon) {
      horizon = cursor;
      continue;
    }
    events.push({
      cursor,
      position: cursor.position,
      streamId: r.stream_id,
      version: Number(r.version),
      type: r.type,
      data: registry.upcast(r.type, Number(r.schema_version), r.data).data,
      ...(r.metadata ? { metadata: r.metadata } : {}),
      occurredAt: r.occurred_at,
      recordedAt: r.recorded_at,
      ...(r.traceparent ? { traceparent: r.traceparent } : {}),
    });
  }
  events.sort((a, b) => compareCursors(a.cursor, b.cursor));
  const last = events[events.length - 1];
  if (events.length === limit && last) return { events, cursor: last.cursor, caughtUp: false };
  const end = horizon && (!last || compareCursors(horizon, last.cursor) > 0) ? horizon : (last?.cursor ?? after);
  return { events, cursor: compareCursors(end, after) > 0 ? end : after, caughtUp: true };
};

/** Orders cursors as the log does: by transaction id, then position (xid8 fits in a bigint). */
export const compareCursors = (a: LogCursor, b: LogCursor): number => {
  const ta = BigInt(a.txId);
  const tb = BigInt(b.txId);
  return ta < tb ? -1 : ta > tb ? 1 : a.position - b.position;
};

type StreamRow = Omit<EventRow, 'id' | 'hash' | 'tx_id' | 'occurred_at' | 'recorded_at'> & { occurred_at: string; recorded_at: string };

/** Several streams' events up to a position, of the given types, in log order (the `(stream_id, version)` index). */
export const readStreams = async (
  sql: Sql,
  schema: string,
  registry: EventRegistry,
  streamIds: readonly string[],
  options: { upTo: number; types: readonly string[] },
): Promise<LogEvent[]> => {
  if (streamIds.length === 0) return [];
  const { rows } = await sql.query<StreamRow>(
    `select position, stream_id, version, type, schema_version, data, metadata,
            ${isoText('occurred_at')} as occurred_at, ${isoText('recorded_at')} as recorded_at
       from ${schema}.events
      where stream_id = any($1::text[]) and position <= $2 and type = any($3::text[])
      order by position`,
    [streamIds, options.upTo, options.types],
  );
  return rows.map((r) => ({
    position: Number(r.position),
    streamId: r.stream_id,
    version: Number(r.version),
    type: r.type,
    data: registry.upcast(r.type, Number(r.schema_version), r.data).data,
    metadata: r.metadata,
    occurredAt: r.occurred_at,
    recordedAt: r.recorded_at,
  }));
};
