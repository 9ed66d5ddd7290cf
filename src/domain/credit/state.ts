import type {
  CreditLimitChangeRequested,
  CreditLimitChangeStepApproved,
  CreditLimitChangeRejected,
  Person,
} from './events.js';

export type CreditRequest = CreditLimitChangeRequested['data'];
export type StepApproval = CreditLimitChangeStepApproved['data'];
export type StepRejection = CreditLimitChangeRejected['data'];

/**
 * A credit-limit change request. `approvals` are the steps approved so far, in
 * order; while pending, the next step is `request.requiredSteps[approvals.length]`.
 * `notRequested` is the empty stream; the others are the API's `status` values.
 */
export type CreditRequestState =
  | { status: 'notRequested' }
  | { status: 'pending'; request: CreditRequest; approvals: StepApproval[] }
  | { status: 'approved'; request: CreditRequest; approvals: StepApproval[]; effectiveAt: string }
  | { status: 'rejected'; request: CreditRequest; approvals: StepApproval[]; rejection: StepRejection }
  | { status: 'withdrawn'; request: CreditRequest; approvals: StepApproval[]; withdrawnBy: Person; withdrawnAt: string };

export const initialCreditRequestState: CreditRequestState = { status: 'notRequested' };

/** The customer's lock: at most one pending request. */
export type CustomerCreditState = { status: 'free' } | { status: 'held'; requestId: string };

export const initialCustomerCreditState: CustomerCreditState = { status: 'free' };

/** Every decision of a request, in order: the approvals, then the rejection if any. */
export const decisionsOf = (state: Exclude<CreditRequestState, { status: 'notRequested' }>) => [
  ...state.approvals.map((a) => ({ ...a, decision: 'approve' as const })),
  ...(state.status === 'rejected' ? [{ ...state.rejection, decision: 'reject' as const }] : []),
];
