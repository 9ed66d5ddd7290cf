import { z } from 'zod';
import { type Command, Uuid } from '../../shared/index.js';
import { AddContactData, ChangeContactData, ChangeStatusData, ReassignSalespersonData, RemoveContactData, RenewValidityData } from '../commands.js';
import { ArchiveFieldsPatch } from '../fields/index.js';

/**
 * What a request may propose besides archive fields (API.md v1.1): each part is the data
 * of the clerk's direct command, without the customer it already names, so that applying
 * it runs that command through the same decider rules.
 */
export const ProposedContacts = z.strictObject({
  add: z.array(AddContactData.shape.contact).max(50).optional(),
  change: z.array(ChangeContactData.omit({ customerId: true })).max(50).optional(),
  remove: z.array(RemoveContactData.shape.contactId).max(50).optional(),
});
export type ProposedContacts = z.infer<typeof ProposedContacts>;

export const ProposedDirectChanges = z.strictObject({
  status: ChangeStatusData.shape.status.optional(),
  salespersonId: ReassignSalespersonData.shape.salespersonId.optional(),
  validUntil: RenewValidityData.shape.validUntil.optional(),
  contacts: ProposedContacts.optional(),
});
export type ProposedDirectChanges = z.infer<typeof ProposedDirectChanges>;

/** `changes` as PATCH /customers/{id} takes them, plus what only the clerk's direct routes change. */
export const ProposedChanges = ArchiveFieldsPatch.extend(ProposedDirectChanges.shape);
export type ProposedChanges = z.infer<typeof ProposedChanges>;

export const ProposeChangeData = z.object({ requestId: Uuid, customerId: Uuid, changes: ProposedChanges });
export type ProposeChangeData = z.infer<typeof ProposeChangeData>;

export const ChangeRequestDecision = z.enum(['apply', 'reject']);
export type ChangeRequestDecision = z.infer<typeof ChangeRequestDecision>;

export const DecideChangeRequestData = z.object({ requestId: Uuid, decision: ChangeRequestDecision });
export type DecideChangeRequestData = z.infer<typeof DecideChangeRequestData>;

export type ProposeChange = Command<'ProposeChange', ProposeChangeData>;
export type DecideChangeRequest = Command<'DecideChangeRequest', DecideChangeRequestData>;

export type ChangeRequestCommand = ProposeChange | DecideChangeRequest;
