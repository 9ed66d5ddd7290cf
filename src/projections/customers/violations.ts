import { z } from 'zod';
import { Instant } from '../../domain/shared/index.js';
import { type At, type Page, type PageRequest, type ReadDeps, activeTables, decodeCursor, pageLimit, timePoint, toPage } from '../shared/query.js';

/** A row of 违规记录 across customers: 时间, 类型, 事件描述, and whose. */
export type ViolationRecord = {
  customerId: string;
  occurredAt: string;
  type: string;
  description: string;
  /** When it was recorded, and its place in the log (the audit trail's key). */
  recordedAt: string;
  position: number;
};

export type ViolationFilter = {
  customerId?: string | undefined;
  type?: string | undefined;
  /** The violation happened at or after. */
  from?: string | undefined;
  /** The violation happened before. */
  to?: string | undefined;
};

// What toPage below gives out: an instant and a log position, nothing a query could choke on.
const Position = z.tuple([Instant, z.number().int().nonnegative()]);

type Row = { customer_id: string; violation_at: Date | string; type: string; description: string; recorded_at: Date | string; position: number | string };

const iso = (t: Date | string): string => new Date(t).toISOString();

/**
 * Violation records at (asOf, knownAt): those recorded by knownAt that had occurred by
 * asOf (a violation is true from when it occurred, API.md v1.1), filtered, in the order they happened (keyset on time, position).
 * Records only ever grow, so no version rows are needed.
 */
export const listViolations = async (deps: ReadDeps, filter: ViolationFilter = {}, at: At = {}, page: PageRequest = {}): Promise<Page<ViolationRecord>> => {
  const point = timePoint(at);
  const limit = pageLimit(page);
  const after = decodeCursor(page.cursor, Position);
  const { customer_records: t } = await activeTables(deps.db, deps.schema, ['customer_records']);
  const { rows } = await deps.db.query<Row>(
    `select customer_id, violation_at, type, description, recorded_at, position from ${t!('violations')}
      where violation_at <= $1::timestamptz and recorded_at <= coalesce($2::timestamptz, 'infinity')
        and ($3::text is null or customer_id = $3)
        and ($4::text is null or type = $4)
        and ($5::timestamptz is null or violation_at >= $5)
        and ($6::timestamptz is null or violation_at < $6)
        and ($7::timestamptz is null or (violation_at, position) > ($7::timestamptz, $8::bigint))
      order by violation_at, position
      limit $9`,
    [point.asOf, point.knownAt, filter.customerId ?? null, filter.type ?? null, filter.from ?? null, filter.to ?? null, after?.[0] ?? null, after?.[1] ?? 0, limit + 1],
  );
  const items = rows.map((r) => ({
    customerId: r.customer_id,
    occurredAt: iso(r.violation_at),
    type: r.type,
    description: r.description,
    recordedAt: iso(r.recorded_at),
    position: Number(r.position),
  }));
  return toPage(items, limit, (v) => [v.occurredAt, v.position]);
};
