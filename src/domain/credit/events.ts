import { z } from 'zod';
import { type EventType, Instant, Money, Text, Uuid, eventType } from '../shared/index.js';
import { ChangeDirection, CreditApproverRole } from './routing.js';
import { CreditRoutingPolicyPublished } from './routingPolicy.js';

/** The manual's grades (客户等级); a customer not yet graded has none. */
export const CustomerGrade = z.enum(['A', 'B', 'C', 'D', 'E']);
export type CustomerGrade = z.infer<typeof CustomerGrade>;

/** 客户联系人 and 联系方式 as the archive held them when the request was made. */
export const CreditRequestContact = z.object({
  /** The archive's contact: whose personal data this copy is (absent in requests made before it was noted). */
  contactId: Uuid.optional(),
  name: Text(200),
  phone: z.string().max(100).optional(),
  mobile: z.string().max(100).optional(),
  fax: z.string().max(100).optional(),
  email: z.string().max(320).optional(),
});
export type CreditRequestContact = z.infer<typeof CreditRequestContact>;

/** The form's customer block, copied from the archive at the time of the request. */
export const CreditRequestCustomer = z.object({
  name: Text(200), // 客户名称
  salespersonId: z.string().min(1).max(200), // 客户负责人 (the customer's salesperson)
  grade: CustomerGrade.nullable(), // 客户等级
  address: z.string().max(500).nullable(), // 地址
  contact: CreditRequestContact.nullable(),
});
export type CreditRequestCustomer = z.infer<typeof CreditRequestCustomer>;

/**
 * What a credit request copies from the customer's archive at the time it is made:
 * the form's customer block, and the limit in effect (原信用额度; null before any).
 * The one shape for the credit use case and the projection that reads it.
 */
export const CustomerSnapshot = CreditRequestCustomer.omit({ contact: true }).extend({
  primaryContact: CreditRequestContact.nullable(), // 主要联系人
  creditLimit: Money.nullable(),
});
export type CustomerSnapshot = z.infer<typeof CustomerSnapshot>;

export const Person = z.object({ id: z.string().min(1).max(200), name: z.string().min(1).max(200) });
export type Person = z.infer<typeof Person>;

/** 客户信用额度变更申请表: what the form records, and the approvers it needs. */
export const CreditLimitChangeRequested = z.object({
  type: z.literal('CreditLimitChangeRequested'),
  data: z.object({
    requestId: Uuid,
    customerId: Uuid,
    customer: CreditRequestCustomer,
    originalLimit: Money, // 原信用额度
    proposedLimit: Money, // 拟变更信用额度
    direction: ChangeDirection,
    reason: Text(2000),
    requester: Person,
    /** Roles that decide, in order; frozen at request time (a later policy does not reroute it). */
    requiredSteps: z.array(CreditApproverRole).min(1),
    /** The routing policy version that chose `requiredSteps`; absent on requests made before v1.1 (routed by the built-in 0). */
    routingPolicyVersion: z.number().int().min(0).optional(),
    requestedAt: Instant, // 申请时间
  }),
});
export type CreditLimitChangeRequested = z.infer<typeof CreditLimitChangeRequested>;

/** One approver's 审核意见 on their step; `step` counts from 1. */
const StepDecisionData = z.object({
  requestId: Uuid,
  step: z.number().int().min(1),
  role: CreditApproverRole,
  approver: Person,
  opinion: Text(2000),
  decidedAt: Instant,
});

export const CreditLimitChangeStepApproved = z.object({
  type: z.literal('CreditLimitChangeStepApproved'),
  data: StepDecisionData,
});
export type CreditLimitChangeStepApproved = z.infer<typeof CreditLimitChangeStepApproved>;

/** A rejection at any step ends the request. */
export const CreditLimitChangeRejected = z.object({
  type: z.literal('CreditLimitChangeRejected'),
  data: StepDecisionData.extend({ customerId: Uuid }),
});
export type CreditLimitChangeRejected = z.infer<typeof CreditLimitChangeRejected>;

/** Follows the last step's approval: the new limit takes effect on the customer at `effectiveAt`. */
export const CreditLimitChangeApproved = z.object({
  type: z.literal('CreditLimitChangeApproved'),
  data: z.object({
    requestId: Uuid,
    customerId: Uuid,
    originalLimit: Money,
    newLimit: Money,
    effectiveAt: Instant,
  }),
});
export type CreditLimitChangeApproved = z.infer<typeof CreditLimitChangeApproved>;

export const CreditLimitChangeWithdrawn = z.object({
  type: z.literal('CreditLimitChangeWithdrawn'),
  data: z.object({ requestId: Uuid, customerId: Uuid, withdrawnBy: Person, withdrawnAt: Instant }),
});
export type CreditLimitChangeWithdrawn = z.infer<typeof CreditLimitChangeWithdrawn>;

export type CreditRequestEvent =
  | CreditLimitChangeRequested
  | CreditLimitChangeStepApproved
  | CreditLimitChangeRejected
  | CreditLimitChangeApproved
  | CreditLimitChangeWithdrawn;

export const CreditRequestOutcome = z.enum(['approved', 'rejected', 'withdrawn']);
export type CreditRequestOutcome = z.infer<typeof CreditRequestOutcome>;

/** On `customerCredit-<customerId>`: a request for this customer is now pending. */
export const CreditRequestOpened = z.object({
  type: z.literal('CreditRequestOpened'),
  data: z.object({ customerId: Uuid, requestId: Uuid }),
});
export type CreditRequestOpened = z.infer<typeof CreditRequestOpened>;

/** On `customerCredit-<customerId>`: the pending request ended; another may be opened. */
export const CreditRequestClosed = z.object({
  type: z.literal('CreditRequestClosed'),
  data: z.object({ customerId: Uuid, requestId: Uuid, outcome: CreditRequestOutcome }),
});
export type CreditRequestClosed = z.infer<typeof CreditRequestClosed>;

export type CustomerCreditEvent = CreditRequestOpened | CreditRequestClosed;

export type CreditEvent = CreditRequestEvent | CustomerCreditEvent;

export const creditEventTypes: readonly EventType[] = [
  eventType('CreditLimitChangeRequested', CreditLimitChangeRequested.shape.data),
  eventType('CreditLimitChangeStepApproved', CreditLimitChangeStepApproved.shape.data),
  eventType('CreditLimitChangeRejected', CreditLimitChangeRejected.shape.data),
  eventType('CreditLimitChangeApproved', CreditLimitChangeApproved.shape.data),
  eventType('CreditLimitChangeWithdrawn', CreditLimitChangeWithdrawn.shape.data),
  eventType('CreditRequestOpened', CreditRequestOpened.shape.data),
  eventType('CreditRequestClosed', CreditRequestClosed.shape.data),
  eventType('CreditRoutingPolicyPublished', CreditRoutingPolicyPublished.shape.data),
];
