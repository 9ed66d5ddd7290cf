import { z } from 'zod';
import { type CommandMeta, EnteredMoney, Money, Text, Uuid } from '../shared/index.js';
import { CreditRequestCustomer, CreditRequestOutcome } from './events.js';

/**
 * Open a request. The app layer copies the customer block and the current effective
 * limit (`currentLimit`, null when the customer has none yet: 0) from the archive.
 */
export const RequestCreditLimitChange = z.object({
  type: z.literal('RequestCreditLimitChange'),
  data: z.object({
    requestId: Uuid,
    customerId: Uuid,
    customer: CreditRequestCustomer,
    currentLimit: Money.nullable(),
    proposedLimit: EnteredMoney,
  }),
});
export type RequestCreditLimitChange = z.infer<typeof RequestCreditLimitChange> & { meta: CommandMeta };

export const CreditDecision = z.enum(['approve', 'reject']);
export type CreditDecision = z.infer<typeof CreditDecision>;

/** The next step's approver approves or rejects, with their opinion (审核意见). */
export const DecideCreditLimitChange = z.object({
  type: z.literal('DecideCreditLimitChange'),
  data: z.object({ requestId: Uuid, decision: CreditDecision, opinion: Text(2000) }),
});
export type DecideCreditLimitChange = z.infer<typeof DecideCreditLimitChange> & { meta: CommandMeta };

export const WithdrawCreditLimitChange = z.object({
  type: z.literal('WithdrawCreditLimitChange'),
  data: z.object({ requestId: Uuid }),
});
export type WithdrawCreditLimitChange = z.infer<typeof WithdrawCreditLimitChange> & { meta: CommandMeta };

export type CreditRequestCommand = RequestCreditLimitChange | DecideCreditLimitChange | WithdrawCreditLimitChange;

/** On the customer's lock stream: a request becomes the customer's pending one. */
export const OpenCreditRequest = z.object({
  type: z.literal('OpenCreditRequest'),
  data: z.object({ customerId: Uuid, requestId: Uuid }),
});
export type OpenCreditRequest = z.infer<typeof OpenCreditRequest> & { meta: CommandMeta };

export const CloseCreditRequest = z.object({
  type: z.literal('CloseCreditRequest'),
  data: z.object({ customerId: Uuid, requestId: Uuid, outcome: CreditRequestOutcome }),
});
export type CloseCreditRequest = z.infer<typeof CloseCreditRequest> & { meta: CommandMeta };

export type CustomerCreditCommand = OpenCreditRequest | CloseCreditRequest;
