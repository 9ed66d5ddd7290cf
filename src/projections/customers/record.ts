import {
  type CustomerEvent,
  type CustomerState,
  customerStreamId,
  evolveCustomer,
  initialCustomerState,
} from '../../domain/customer/index.js';
import type { TimelineSpec } from '../bitemporal/timelineSql.js';
import type { LogEvent } from '../engine/projection.js';

/**
 * One customer's archive as the read model keeps it: the customer context's own
 * state (its `evolveCustomer`, so the view never disagrees with `decide`), the stream
 * version (the archive's ETag), and since when the customer has been active (合作起始,
 * what grading counts years of cooperation from).
 */
export type CustomerRecord = { customer: CustomerState; version: number; activeSince: string | null };

/** The events of a customer's own stream (`customer-<id>`) that shape its archive. */
export const archiveEventTypes = [
  'CustomerRegistered',
  'ArchiveFieldsChanged',
  'ContactAdded',
  'ContactChanged',
  'ContactRemoved',
  'StatusChanged',
  'SalespersonReassigned',
  'ViolationRecorded',
  'EvaluationAdded',
  'ValidityRenewed',
  'ArchiveReviewed',
  'ArchiveApproved',
] as const satisfies readonly CustomerEvent['type'][];

export const evolveCustomerRecord = (record: CustomerRecord | undefined, event: LogEvent): CustomerRecord => {
  const customer = evolveCustomer(record?.customer ?? initialCustomerState, { type: event.type, data: event.data } as CustomerEvent);
  const activeSince = record?.activeSince ?? (customer.status === 'active' ? event.occurredAt : null);
  return { customer, version: Math.max(record?.version ?? 0, event.version), activeSince };
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
