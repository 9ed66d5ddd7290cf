import { z } from 'zod';
import {
  CreditApproverRole,
  CreditDecision,
  CreditLimitChangeRequested,
  CreditLimitChangeStepApproved,
  CreditRouting,
  DecideCreditLimitChange,
  RequestCreditLimitChange,
} from '../../../domain/credit/index.js';
import { Instant, Reason, Uuid } from '../../../domain/shared/index.js';
import { Cursor, Limit, PageOf } from '../../pagination.js';
import { TimeTravelQuery } from '../../params.js';
import { ActName, PersonName } from '../staff/schemas.js';

/**
 * The credit routes' request and answer shapes, derived from the credit context's
 * schemas (客户信用额度变更申请表, API.md field names).
 */

export const CreditRequestStatus = z.enum(['pending', 'approved', 'rejected', 'withdrawn']);

const version = z.number().int().min(1).meta({ description: 'the request’s version (its ETag): what If-Match names' });

// ---- requests

/** POST /credit-requests: the customer, the proposed limit (拟变更信用额度) and why. */
export const RequestCreditLimitChangeBody = RequestCreditLimitChange.shape.data
  .pick({ customerId: true, proposedLimit: true })
  .extend({ reason: Reason });

/** POST /credit-requests/{id}/decisions: approve or reject the next step, with the opinion (审核意见). */
export const DecideCreditLimitChangeBody = DecideCreditLimitChange.shape.data
  .pick({ decision: true, opinion: true })
  .extend({ reason: Reason.optional().meta({ description: 'the written reason stored with the decision; the opinion when absent' }) });

/** POST /credit-requests/{id}/withdrawal: the requester takes the request back, saying why. */
export const WithdrawCreditRequestBody = z.object({ reason: Reason });

/** Keyset position of the list: the last request id served. */
export const CreditRequestPosition = z.tuple([z.string()]);

export const CreditRequestListQuery = TimeTravelQuery.extend({
  status: CreditRequestStatus.optional(),
  awaitingRole: CreditApproverRole.optional().meta({ description: 'the approver queue: pending requests whose next step is this role' }),
  customerId: Uuid.optional(),
  limit: Limit,
  cursor: Cursor(CreditRequestPosition).optional(),
});

// ---- answers

export const CreditRequestCreated = z
  .object({ id: Uuid, status: CreditRequestStatus, requiredSteps: z.array(CreditApproverRole), version })
  .meta({ id: 'CreditRequestCreated' });

/** One approver's 审核意见: their step, role, decision and opinion. */
export const CreditDecisionView = CreditLimitChangeStepApproved.shape.data
  .omit({ requestId: true })
  .extend({ decision: CreditDecision, approverName: ActName })
  .meta({ id: 'CreditDecision' });

/** The form (客户信用额度变更申请表) as it was filled in, its status and every decision so far. */
export const CreditRequestView = CreditLimitChangeRequested.shape.data
  .omit({ requestId: true })
  .extend({
    id: Uuid,
    customer: CreditLimitChangeRequested.shape.data.shape.customer.extend({
      salespersonName: PersonName.meta({ description: '客户负责人 by the staff directory as of the answer’s time point; null when not listed' }),
    }),
    requesterName: ActName,
    status: CreditRequestStatus,
    decisions: z.array(CreditDecisionView),
    nextStep: CreditApproverRole.nullable().meta({ description: 'the role whose decision is awaited; null once closed' }),
    effectiveAt: Instant.nullable().meta({ description: 'when the new limit took effect (approved only)' }),
    withdrawnAt: Instant.nullable(),
    version,
  })
  .meta({ id: 'CreditRequest' });
export type CreditRequestView = z.infer<typeof CreditRequestView>;

export const CreditRequestPage = PageOf(CreditRequestView).meta({ id: 'CreditRequests' });

export const CreditDecisionTaken = z
  .object({
    id: Uuid,
    status: CreditRequestStatus.meta({ description: 'pending while steps remain; approved after the last one; rejected' }),
    step: z.number().int().min(1),
    role: CreditApproverRole,
    decision: CreditDecision,
    version,
  })
  .meta({ id: 'CreditDecisionTaken' });

export const CreditRequestWithdrawn = z
  .object({ id: Uuid, status: z.literal('withdrawn'), version })
  .meta({ id: 'CreditRequestWithdrawn' });

// ---- the routing policy

/** PUT /credit/routing-policy: the whole rule list and why. */
export const PublishRoutingBody = CreditRouting.extend({ reason: Reason });

export const RoutingPolicyView = CreditRouting.extend({
  version: z.number().int().min(0).meta({ description: 'the routing policy version (0: the manual’s four-level chain, before any publication)' }),
  status: z.enum(['builtIn', 'published']),
}).meta({ id: 'CreditRoutingPolicy' });
/** The OpenAPI tag of the family's routes. */
export const tags = ['credit requests'];
