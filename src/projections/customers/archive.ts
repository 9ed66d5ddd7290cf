import type { ArchiveReview, Evaluation, RegisteredCustomer, Violation } from '../../domain/customer/index.js';
import type { ArchiveRecord, Contact } from '../../domain/customer/index.js';
import type { CreditLimitSource } from '../../domain/credit/index.js';
import { knownAtSql } from '../bitemporal/timelineSql.js';
import { customerStreamId } from '../../domain/customer/index.js';
import type { TableNamer } from '../engine/projection.js';
import { type At, type ReadDeps, type TimePoint, activeTables, timePoint } from '../shared/query.js';
import { archiveViews } from './archiveStamps.js';
import { type StandingRow, standingColumnsSql, standingOf } from '../standing/queries.js';
import type { CustomerRecord } from './record.js';
import { reviewDue, reviewDueFrom } from './review.js';

/** The archive (客户档案表) as `GET /customers/{id}` shows it: DOMAIN.md §2 with API.md's names. */
export type CustomerArchiveView = ArchiveRecord & {
  id: string;
  salespersonId: string;
  status: RegisteredCustomer['status'];
  validUntil: string | null;
  reviewDue: boolean;
  contacts: Contact[];
  /** 客户等级, from the latest approved grade summary; null before any. */
  grade: string | null;
  vip: boolean;
  /** 信用额度 in force and where it came from (an approved summary or change request). */
  creditLimit: string | null;
  creditLimitSource: CreditLimitSource | null;
  /** 录入时间. */
  enteredAt: string;
  violations: Violation[];
  evaluations: Evaluation[];
  review: ArchiveReview;
  /** Since when the customer has been active (合作起始); null if never. */
  activeSince: string | null;
  /** The customer stream's version: the archive's ETag. */
  version: number;
};

type ArchiveRow = StandingRow & {
  record: CustomerRecord;
  violations: Violation[];
  evaluations: Evaluation[];
  version: number | string | null;
  next_change?: Date | string | null;
};

/** The archive at a time point, and (asked for "known now") until when it holds. */
export type ArchiveRead = { view: CustomerArchiveView | null; until: number };

const ms = (t: Date | string): number => (t instanceof Date ? t.getTime() : Date.parse(t));

/**
 * One customer's archive at (asOf, knownAt); null when it did not exist then, or was
 * not yet recorded. One statement (a read per request is the API's hot path): the
 * version row; the standing; the lists that only grow, cut at the time point in
 * effective order (entries effective before the registration are ignored, as the fold
 * ignores them); and the stream version, the greatest among the customer's events
 * known at knownAt and effective by asOf.
 *
 * `until` (with `withUntil`, for "known now" only): the first instant after asOf at
 * which the same rows answer differently — the next effective time among the
 * customer's version rows, records, standing sources and events (a future-dated change
 * already recorded), or the day the archive falls due for review; Infinity if none.
 */
export const archiveAt = async (
  deps: ReadDeps,
  t: Record<string, TableNamer>,
  customerId: string,
  point: TimePoint,
  withUntil = false,
): Promise<ArchiveRead> => {
  const records = t.customer_records!;
  const standing = standingColumnsSql(t.standing!, 'a.entity_key', '$2', '$3');
  const cut = `x.customer_id = a.entity_key and x.occurred_at <= $2::timestamptz and x.recorded_at <= coalesce($3::timestamptz, 'infinity')
               and (x.occurred_at, x.position) > (coalesce((a.state->'registered'->>'at')::timestamptz, '-infinity'),
                                                  coalesce((a.state->'registered'->>'position')::bigint, 0))`;
  const after = (table: string, column: string, key: string) =>
    `(select min(n.${column}) from ${table} n where n.${key} = a.entity_key and n.${column} > $2::timestamptz)`;
  const nextChange = withUntil
    ? `, least(${[
        `(select min(n.valid_from) from ${t.customers!('archive')} n where n.entity_key = a.entity_key and n.valid_from > $2::timestamptz and n.known_to is null)`,
        after(records('violations'), 'occurred_at', 'customer_id'),
        after(records('evaluations'), 'occurred_at', 'customer_id'),
        after(t.standing!('sources'), 'in_force_from', 'customer_id'),
        `(select min(n.occurred_at) from ${deps.schema}.events n where n.stream_id = $4 and n.occurred_at > $2::timestamptz)`,
      ].join(', ')}) as next_change`
    : '';
  const { rows } = await deps.db.query<ArchiveRow>(
    `select a.state as record, ${standing.columns},
            (select coalesce(jsonb_agg(x.violation order by x.occurred_at, x.position), '[]') from ${records('violations')} x where ${cut}) as violations,
            (select coalesce(jsonb_agg(x.evaluation order by x.occurred_at, x.position), '[]') from ${records('evaluations')} x where ${cut}) as evaluations,
            (select max(e.version) from ${deps.schema}.events e
              where e.stream_id = $4 and e.occurred_at <= $2::timestamptz and e.recorded_at <= coalesce($3::timestamptz, 'infinity')) as version
            ${nextChange}
       from (select t.entity_key, t.state from ${t.customers!('archive')} t
              where t.entity_key = $1 and t.valid_from <= $2::timestamptz and ${knownAtSql('t', '$3')}
              order by t.valid_from desc limit 1) a
       ${standing.joins}`,
    [customerId, point.asOf, point.knownAt, customerStreamId(customerId)],
  );
  const row = rows[0];
  const c = row?.record.customer;
  if (!row || !c || c.status === 'unregistered') return { view: null, until: Number.POSITIVE_INFINITY };
  const { record } = row;
  const s = standingOf(row);
  const due = reviewDueFrom(c.validUntil);
  const untilDue = due !== null && due > Date.parse(point.asOf) ? due : Number.POSITIVE_INFINITY;
  const view: CustomerArchiveView = {
    ...c.archive,
    id: c.customerId,
    salespersonId: c.salespersonId,
    status: c.status,
    validUntil: c.validUntil,
    reviewDue: reviewDue(c.validUntil, point.asOf),
    contacts: c.contacts,
    grade: s.grade,
    vip: s.vip,
    creditLimit: s.creditLimit,
    creditLimitSource: s.creditLimitSource,
    enteredAt: c.enteredAt,
    violations: row.violations,
    evaluations: row.evaluations,
    review: c.review,
    activeSince: record.activeSince,
    version: Number(row.version ?? 0),
  };
  const next = row.next_change === null || row.next_change === undefined ? Number.POSITIVE_INFINITY : ms(row.next_change);
  return { view, until: Math.min(next, untilDue) };
};

/** One customer's archive at (asOf, knownAt), from the builds that answer queries now (see `archiveAt`). */
export const customerArchive = async (deps: ReadDeps, customerId: string, at: At = {}): Promise<CustomerArchiveView | null> => {
  const t = await activeTables(deps.db, deps.schema, archiveViews);
  return (await archiveAt(deps, t, customerId, timePoint(at))).view;
};
