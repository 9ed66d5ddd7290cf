import { z } from 'zod';
import { type Command, Uuid } from '../../shared/index.js';
import { ArchiveFieldsPatch } from '../fields/index.js';

export const ProposeChangeData = z.object({ requestId: Uuid, customerId: Uuid, changes: ArchiveFieldsPatch });
export type ProposeChangeData = z.infer<typeof ProposeChangeData>;

export const ChangeRequestDecision = z.enum(['apply', 'reject']);
export type ChangeRequestDecision = z.infer<typeof ChangeRequestDecision>;

export const DecideChangeRequestData = z.object({ requestId: Uuid, decision: ChangeRequestDecision });
export type DecideChangeRequestData = z.infer<typeof DecideChangeRequestData>;

export type ProposeChange = Command<'ProposeChange', ProposeChangeData>;
export type DecideChangeRequest = Command<'DecideChangeRequest', DecideChangeRequestData>;

export type ChangeRequestCommand = ProposeChange | DecideChangeRequest;
