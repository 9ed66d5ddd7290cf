import { z } from 'zod';
import { Instant, Uuid } from '../../shared/index.js';
import { FieldChange, Person } from '../events.js';
import { ProposedDirectChanges } from './commands.js';

/**
 * 修改申请: someone other than the archive clerk asks in writing for a change (内容
 * and, in the metadata, 原因). `changes` records each field's value when asked
 * (`from`) beside the proposed one (`to`): the request goes stale if a `from` no
 * longer holds when the archive clerk applies it. `alsoProposed` is checked when
 * applied, by the rules of the clerk's own commands on the archive as it is then.
 */
export const ChangeRequested = z.object({
  type: z.literal('ChangeRequested'),
  data: z.object({
    requestId: Uuid,
    customerId: Uuid,
    changes: z.array(FieldChange),
    // v1.1: status, salesperson, validity and contacts, applied through the clerk's direct commands.
    alsoProposed: ProposedDirectChanges.optional(),
    requestedBy: Person,
    at: Instant,
  }),
});
export type ChangeRequested = z.infer<typeof ChangeRequested>;

/** The archive clerk applied it: an ArchiveFieldsChanged with this request's id is in the customer's stream. */
export const ChangeRequestApplied = z.object({
  type: z.literal('ChangeRequestApplied'),
  data: z.object({ requestId: Uuid, customerId: Uuid, decidedBy: Person, at: Instant }),
});
export type ChangeRequestApplied = z.infer<typeof ChangeRequestApplied>;

/** The archive clerk rejected it; the reason is the event's written reason. */
export const ChangeRequestRejected = z.object({
  type: z.literal('ChangeRequestRejected'),
  data: z.object({ requestId: Uuid, customerId: Uuid, decidedBy: Person, at: Instant }),
});
export type ChangeRequestRejected = z.infer<typeof ChangeRequestRejected>;

export const ChangeRequestEvent = z.discriminatedUnion('type', [
  ChangeRequested,
  ChangeRequestApplied,
  ChangeRequestRejected,
]);
export type ChangeRequestEvent = z.infer<typeof ChangeRequestEvent>;
