import type { ArchiveReview, Evaluation, RegisteredCustomer, Violation } from '../../domain/customer/index.js';
import type { ArchiveRecord, Contact } from '../../domain/customer/index.js';
import type { CreditLimitSource } from '../../domain/credit/index.js';
import { instantMs, knownAtSql } from '../bitemporal/timelineSql.js';
import { customerStreamId } from '../../domain/customer/index.js';
import type { TableNamer } from '../engine/projection.js';
import { type At, type ReadDeps, activeTables, timePoint } from '../shared/query.js';
import { type StandingRow, standingColumnsSql, standingOf } from '../standing/queries.js';
import type { CustomerRecord } from './record.js';
import { reviewDue, reviewDueFrom } from './review.js';
import { wrappedKeysSql } from '../../store/pii/keyring.js';

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
  /** 审批 as API.md v1.1 names it: `pending` before a review. */
  approval: 'pending' | 'reviewed' | 'approved' | 'rejected';
  /** Since when the customer has been active (合作起始); null if never. */
  activeSince: string | null;
  /** The customer stream's version: the archive's ETag. */
  version: number;
};

/** The views an archive is read from. */
export const archiveViews = ['customers', 'customer_records', 'standing'] as const;

type ArchiveRow = StandingRow & {
  record: CustomerRecord | null;
  violations: Violation[];
  evaluations: Evaluation[];
  version: number | string | null;
  next_change?: Date | string | null;
  /** The live keys of the sealed personal fields in `record` (`wrappedKeysSql`). */
  pii_keys: Record<string, string>;
};

/** An archive to read: whose, and as of when. */
export type ArchiveAsk = { customerId: string; asOf: string };

/** The archive at a time point, and (asked for "known now") until when it holds. */
export type ArchiveRead = { view: CustomerArchiveView | null; until: number };

/**
 * The first instant after asOf at which the same rows answer differently: the next
 * effective time among the customer's version rows, records, standing sources and
 * events (a change recorded ahead of its time). SQL, for "known now" only.
 */
const nextChangeSql = (t: Record<string, TableNamer>, schema: string): string => {
  const after = (table: string, column: string, key: string) =>
    `(select min(n.${column}) from ${table} n where n.${key} = a.entity_key and n.${column} > c.as_of)`;
  return `least(${[
    `(select min(n.valid_from) from ${t.customers!('archive')} n where n.entity_key = a.entity_key and n.valid_from > c.as_of and n.known_to is null)`,
    after(t.customer_records!('violations'), 'violation_at', 'customer_id'),
    after(t.customer_records!('evaluations'), 'occurred_at', 'customer_id'),
    after(t.standing!('sources'), 'in_force_from', 'customer_id'),
    `(select min(n.occurred_at) from ${schema}.events n where n.stream_id = c.stream_id and n.occurred_at > c.as_of)`,
  ].join(', ')})`;
};

const viewOf = (row: ArchiveRow, asOf: string): CustomerArchiveView | null => {
  const c = row.record?.customer;
  if (!row.record || !c || c.status === 'unregistered') return null;
  const s = standingOf(row);
  return {
    ...c.archive,
    id: c.customerId,
    salespersonId: c.salespersonId,
    status: c.status,
    validUntil: c.validUntil,
    reviewDue: reviewDue(c.validUntil, asOf),
    contacts: c.contacts,
    grade: s.grade,
    vip: s.vip,
    creditLimit: s.creditLimit,
    creditLimitSource: s.creditLimitSource,
    enteredAt: c.enteredAt,
    violations: row.violations,
    evaluations: row.evaluations,
    review: c.review,
    approval: c.review.stage === 'unreviewed' ? 'pending' : c.review.stage,
    activeSince: row.record.activeSince,
    version: Number(row.version ?? 0),
  };
};

/** Until when a view read at asOf holds: its next change, or the day it falls due for review. */
const untilOf = (row: ArchiveRow, view: CustomerArchiveView, asOf: string): number => {
  const due = reviewDueFrom(view.validUntil);
  const untilDue = due !== null && due > Date.parse(asOf) ? due : Number.POSITIVE_INFINITY;
  const next = row.next_change === null || row.next_change === undefined ? Number.POSITIVE_INFINITY : instantMs(row.next_change);
  return Math.min(next, untilDue);
};

/**
 * Customers' archives, each at its asOf, all at one knownAt; an archive is null when
 * it did not exist then, or was not yet recorded. One statement for them all (a read
 * per request is the API's hot path, and concurrent requests share one): for each, the
 * version row; the standing; the lists that only grow, cut at the time point in
 * effective order (entries effective before the registration are ignored, as the fold
 * ignores them); and the stream version, the greatest among the customer's events
 * known at knownAt and effective by asOf.
 *
 * `withUntil` (for "known now" only): each read also says until when it holds
 * (`nextChangeSql`, the review due date); else `until` is Infinity.
 */
export const archivesAt = async (
  deps: ReadDeps,
  t: Record<string, TableNamer>,
  asks: readonly ArchiveAsk[],
  knownAt: string | null,
  withUntil = false,
): Promise<ArchiveRead[]> => {
  if (asks.length === 0) return [];
  const records = t.customer_records!;
  const standing = standingColumnsSql(t.standing!, 'a.entity_key', 'c.as_of', '$4');
  // A violation is true from when it occurred (API.md v1.1), not from when it was recorded.
  const cut = (effective: string) => `x.customer_id = a.entity_key and x.${effective} <= c.as_of and x.recorded_at <= coalesce($4::timestamptz, 'infinity')
               and (x.occurred_at, x.position) > (coalesce((a.state->'registered'->>'at')::timestamptz, '-infinity'),
                                                  coalesce((a.state->'registered'->>'position')::bigint, 0))`;
  const { rows } = await deps.db.query<ArchiveRow & { ord: number | string }>(
    `select c.ord, a.state as record, ${standing.columns},
            (select coalesce(jsonb_agg(x.violation order by x.violation_at, x.position), '[]') from ${records('violations')} x where ${cut('violation_at')}) as violations,
            (select coalesce(jsonb_agg(x.evaluation order by x.occurred_at, x.position), '[]') from ${records('evaluations')} x where ${cut('occurred_at')}) as evaluations,
            (select max(e.version) from ${deps.schema}.events e
              where e.stream_id = c.stream_id and e.occurred_at <= c.as_of and e.recorded_at <= coalesce($4::timestamptz, 'infinity')) as version
            , ${wrappedKeysSql(deps.schema, 'a.state')} as pii_keys
            ${withUntil ? `, ${nextChangeSql(t, deps.schema)} as next_change` : ''}
       from unnest($1::text[], $2::text[], $3::timestamptz[]) with ordinality as c(customer_id, stream_id, as_of, ord)
       left join lateral (select t.entity_key, t.state from ${t.customers!('archive')} t
                           where t.entity_key = c.customer_id and t.valid_from <= c.as_of and ${knownAtSql('t', '$4')}
                           order by t.valid_from desc limit 1) a on true
       ${standing.joins}
      order by c.ord`,
    [asks.map((a) => a.customerId), asks.map((a) => customerStreamId(a.customerId)), asks.map((a) => a.asOf), knownAt],
  );
  return rows.map((row, i) => {
    const { asOf } = asks[i]!;
    const view = viewOf(row, asOf);
    return {
      view: deps.keyring.revealWith(view, row.pii_keys),
      until: view !== null && withUntil ? untilOf(row, view, asOf) : Number.POSITIVE_INFINITY,
    };
  });
};

/** One customer's archive at (asOf, knownAt), from the builds that answer queries now (see `archivesAt`). */
export const customerArchive = async (deps: ReadDeps, customerId: string, at: At = {}): Promise<CustomerArchiveView | null> => {
  const point = timePoint(at);
  const t = await activeTables(deps.db, deps.schema, archiveViews);
  return (await archivesAt(deps, t, [{ customerId, asOf: point.asOf }], point.knownAt))[0]!.view;
};
