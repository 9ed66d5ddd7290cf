import type { ArchiveReview, Evaluation, RegisteredCustomer, Violation } from '../../domain/customer/index.js';
import type { ArchiveRecord, Contact } from '../../domain/customer/index.js';
import type { CreditLimitSource } from '../../domain/credit/index.js';
import { versionAt } from '../bitemporal/timelineSql.js';
import { type At, type ReadDeps, activeTables, timePoint } from '../shared/query.js';
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

/** One customer's archive at (asOf, knownAt); null when it did not exist then, or was not yet recorded. */
export const customerArchive = async (deps: ReadDeps, customerId: string, at: At = {}): Promise<CustomerArchiveView | null> => {
  const point = timePoint(at);
  const t = await activeTables(deps.db, deps.schema, ['customers', 'standing']);
  const record = await versionAt<CustomerRecord>(deps.db, t.customers!('archive'), customerId, point);
  if (!record || record.customer.status === 'unregistered') return null;
  const c = record.customer;
  const standing = (await standingsOf(deps.db, t.standing!, [customerId], point)).get(customerId);
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
    violations: c.violations,
    evaluations: c.evaluations,
    review: c.review,
    activeSince: record.activeSince,
    version: record.version,
  };
};
