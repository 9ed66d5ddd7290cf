import {
  type CustomerEvent,
  type CustomerState,
  customerStreamId,
  evolveCustomer,
  initialCustomerState,
} from '../../domain/customer/index.js';
import type { TimelineSpec } from '../bitemporal/timelineSql.js';
import { narrowEvents } from '../../store/index.js';
import type { LogEvent } from '../engine/projection.js';

/**
 * One customer's archive as the version rows keep it: the customer context's own state
 * (its `evolveCustomer`, so the view never disagrees with `decide`) and since when the
 * customer has been active (合作起始, what grading counts years of cooperation from).
 *
 * Violations and evaluations only ever grow: kept in every version they would make the
 * rows quadratic in a customer's history, so they live in tables of their own (append
 * only, cut by the same two times) and the versions hold them empty.
 */
export type CustomerRecord = {
  customer: CustomerState;
  activeSince: string | null;
  /** The registration's place in effective order: list entries before it are not part of the archive (the fold ignores them). */
  registered: { at: string; position: number } | null;
};

/** The events of a customer's own stream (`customer-<id>`) that change its archive's versions. */
export const archiveEventTypes = [
  'CustomerRegistered',
  'ArchiveFieldsChanged',
  'ContactAdded',
  'ContactChanged',
  'ContactRemoved',
  'ContactErased',
  'StatusChanged',
  'SalespersonReassigned',
  'ValidityRenewed',
  'ArchiveReviewed',
  'ArchiveApproved',
  'ArchiveRejected',
] as const satisfies readonly CustomerEvent['type'][];

/** The records that only grow, kept beside the versions. */
export const recordEventTypes = ['ViolationRecorded', 'EvaluationAdded'] as const satisfies readonly CustomerEvent['type'][];

const customerEvent = narrowEvents<CustomerEvent>('customers projection', [...archiveEventTypes, ...recordEventTypes]);

export const evolveCustomerRecord = (record: CustomerRecord | undefined, event: LogEvent): CustomerRecord => {
  const evolved = evolveCustomer(record?.customer ?? initialCustomerState, customerEvent(event));
  const customer = evolved.status === 'unregistered' ? evolved : { ...evolved, violations: [], evaluations: [] };
  const activeSince = record?.activeSince ?? (customer.status === 'active' ? event.occurredAt : null);
  const registered = record?.registered ?? (customer.status === 'unregistered' ? null : { at: event.occurredAt, position: event.position });
  return { customer, activeSince, registered };
};

const registered = (r: CustomerRecord) => (r.customer.status === 'unregistered' ? null : r.customer);

export const customerTimeline: TimelineSpec<CustomerRecord> = {
  table: 'archive',
  eventTypes: archiveEventTypes,
  keyOf: (e) => (e.data as { customerId?: string }).customerId ?? null,
  streamOf: customerStreamId,
  evolve: evolveCustomerRecord,
  columns: [
    { name: 'name', type: 'text', of: (r) => registered(r)?.archive.name ?? null },
    { name: 'salesperson_id', type: 'text', of: (r) => registered(r)?.salespersonId ?? null },
    { name: 'status', type: 'text', of: (r) => r.customer.status },
    { name: 'region', type: 'text', of: (r) => registered(r)?.archive.region ?? null },
    { name: 'valid_until', type: 'date', of: (r) => registered(r)?.validUntil ?? null },
  ],
};
