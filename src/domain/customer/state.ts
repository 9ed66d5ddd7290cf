import type { Instant, IsoDate } from '../shared/index.js';
import type { ArchiveRecord, Contact, CustomerStatus, SalespersonId } from './fields/index.js';
import type { EvaluationAdded, Person, ViolationRecorded } from './events.js';

export type Violation = Omit<ViolationRecorded['data'], 'customerId'>;
export type Evaluation = Omit<EvaluationAdded['data'], 'customerId'>;

/** Where the archive stands in 客户评审 (review board) → 审批 (group GM). */
export type ArchiveReview =
  | { stage: 'unreviewed' }
  | { stage: 'reviewed'; reviewer: Person; reviewedAt: Instant }
  | { stage: 'approved'; reviewer: Person; approver: Person; approvedAt: Instant }
  /** 审批 N: back to the archive clerk; a change of its fields (核对与更改) makes it pending again. */
  | { stage: 'rejected'; reviewer: Person; approver: Person; rejectedAt: Instant };

export type RegisteredCustomer = {
  status: CustomerStatus;
  customerId: string;
  salespersonId: SalespersonId;
  validUntil: IsoDate | null;
  enteredAt: Instant;
  archive: ArchiveRecord;
  contacts: Contact[];
  /** Ids of removed contacts: an id is never given to another contact. */
  removedContactIds: string[];
  violations: Violation[];
  evaluations: Evaluation[];
  review: ArchiveReview;
};

export type CustomerState = { status: 'unregistered' } | RegisteredCustomer;

export const initialCustomerState: CustomerState = { status: 'unregistered' };

/** A customer keeps its name reserved unless it is lost (names are unique among live customers). */
export const reservedName = (state: CustomerState): string | null =>
  state.status === 'unregistered' || state.status === 'lost' ? null : state.archive.name;
