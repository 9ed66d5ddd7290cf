import type { ArchiveReview, Evaluation, RegisteredCustomer, Violation } from '../../domain/customer/index.js';
import type { ArchiveRecord, Contact } from '../../domain/customer/index.js';
import type { CreditLimitSource } from '../../domain/credit/index.js';
import { versionAt } from '../bitemporal/timelineSql.js';
import { customerStreamId } from '../../domain/customer/index.js';
import type { TableNamer } from '../engine/projection.js';
import { type At, type ReadDeps, type TimePoint, activeTables, timePoint } from '../shared/query.js';
import { standingsOf } from '../standing/queries.js';
import type { CustomerRecord } from './record.js';
import { reviewDue } from './review.js';

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

/**
 * The lists that only grow, cut at the time point, in effective order (as the fold
 * appends them; entries effective before the registration are ignored, as the fold
 * ignores them), and the stream version: the greatest version among the customer's
 * events known at knownAt and effective by asOf.
 */
const recordsOf = async (deps: ReadDeps, t: TableNamer, record: CustomerRecord, customerId: string, point: TimePoint) => {
  const params = [customerId, point.asOf, point.knownAt, record.registered?.at ?? '-infinity', record.registered?.position ?? 0];
  const cut = `customer_id = $1 and occurred_at <= $2::timestamptz and recorded_at <= coalesce($3::timestamptz, 'infinity')
               and (occurred_at, position) > ($4::timestamptz, $5::bigint)`;
  const violations = await deps.db.query<{ violation: Violation }>(
    `select violation from ${t('violations')} where ${cut} order by occurred_at, position`,
    params,
  );
  const evaluations = await deps.db.query<{ evaluation: Evaluation }>(
    `select evaluation from ${t('evaluations')} where ${cut} order by occurred_at, position`,
    params,
  );
  const version = await deps.db.query<{ v: number | null }>(
    `select max(version) as v from ${deps.schema}.events
      where stream_id = $1 and occurred_at <= $2::timestamptz and recorded_at <= coalesce($3::timestamptz, 'infinity')`,
    [customerStreamId(customerId), point.asOf, point.knownAt],
  );
  return {
    violations: violations.rows.map((v) => v.violation),
    evaluations: evaluations.rows.map((e) => e.evaluation),
    version: Number(version.rows[0]?.v ?? 0),
  };
};

/** One customer's archive at (asOf, knownAt); null when it did not exist then, or was not yet recorded. */
export const customerArchive = async (deps: ReadDeps, customerId: string, at: At = {}): Promise<CustomerArchiveView | null> => {
  const point = timePoint(at);
  const t = await activeTables(deps.db, deps.schema, ['customers', 'customer_records', 'standing']);
  const record = await versionAt<CustomerRecord>(deps.db, t.customers!('archive'), customerId, point);
  if (!record || record.customer.status === 'unregistered') return null;
  const c = record.customer;
  const standing = (await standingsOf(deps.db, t.standing!, [customerId], point)).get(customerId);
  const { violations, evaluations, version } = await recordsOf(deps, t.customer_records!, record, customerId, point);
  return {
    ...c.archive,
    id: c.customerId,
    salespersonId: c.salespersonId,
    status: c.status,
    validUntil: c.validUntil,
    reviewDue: reviewDue(c.validUntil, point.asOf),
    contacts: c.contacts,
    grade: standing?.grade ?? null,
    vip: standing?.vip ?? false,
    creditLimit: standing?.creditLimit ?? null,
    creditLimitSource: standing?.creditLimitSource ?? null,
    enteredAt: c.enteredAt,
    violations,
    evaluations,
    review: c.review,
    activeSince: record.activeSince,
    version,
  };
};
