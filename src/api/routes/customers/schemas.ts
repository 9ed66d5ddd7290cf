import { z } from 'zod';
import { CreditLimitSource } from '../../../domain/credit/index.js';
import {
  ArchiveFieldsPatch,
  ArchiveRecord,
  ChangeRequestDecision,
  ProposedChanges,
  ProposedContacts,
  ProposedDirectChanges,
  Contact,
  ContactDetails,
  ContactPatch,
  CustomerStatus,
  Email,
  EvaluationAdded,
  FieldChange,
  LandlineNumber,
  MobileNumber,
  Person,
  PhoneNumber,
  RecordViolationData,
  RegisterCustomerInput,
  SalespersonId,
  ShortText,
  ViolationRecorded,
} from '../../../domain/customer/index.js';
import { Grade } from '../../../domain/grading/index.js';
import { erasedValue } from '../../../domain/personalData.js';
import { Actor, Instant, IsoDate, Money, Reason, Uuid } from '../../../domain/shared/index.js';
import { Cursor, Limit, PageOf } from '../../pagination.js';
import { ActName, PersonName } from '../staff/schemas.js';
import { QueryInstant, TimeTravelQuery } from '../../params.js';

/**
 * The customer routes' request and answer shapes, derived from the customer context's
 * schemas (API.md field names), so that the API, the events and the OpenAPI document agree.
 */

const version = z.number().int().min(0).meta({ description: 'the customer’s version (its ETag) after the request' });

// ---- requests

/** POST /customers: the archive as entered (客户档案表), with the written reason. */
export const RegisterCustomerBody = RegisterCustomerInput.extend({ reason: Reason });

/** PATCH /customers/{id}: the fields that change (null clears one), with the reason. */
export const ChangeArchiveBody = ArchiveFieldsPatch.extend({ reason: Reason });

export const ChangeStatusBody = z.object({ status: CustomerStatus, reason: Reason });
export const ReassignSalespersonBody = z.object({ salespersonId: SalespersonId, reason: Reason });
export const RenewValidityBody = z.object({ validUntil: IsoDate, reason: Reason });
export const ReasonBody = z.object({ reason: Reason });

/** POST /customers/{id}/approvals: 审批 Y/N; without `decision` it approves (v1). */
export const ApprovalBody = z.object({
  decision: z.enum(['approve', 'reject']).optional().meta({ description: 'approve (default) or reject back to the archive clerk for 核对与更改' }),
  reason: Reason,
});

/** POST /customers/approvals: 集团总经理 定期审批, many reviewed archives at once. */
export const BatchApprovalBody = ApprovalBody.extend({ customerIds: z.array(z.uuid()).min(1).max(500) });

export const BatchApprovalAnswer = z
  .object({
    items: z.array(
      z.object({
        customerId: z.uuid(),
        status: z.number().int().meta({ description: 'what POST /customers/{id}/approvals would have answered for this customer' }),
        version: z.number().int().min(1).optional(),
        problem: z.object({ code: z.string(), detail: z.string() }).optional(),
      }),
    ),
  })
  .meta({ id: 'BatchApprovalAnswer' });

export const AddContactBody = ContactDetails.extend({ reason: Reason });
export const ChangeContactBody = ContactPatch.extend({ reason: Reason });
export const ContactParams = z.object({ id: Uuid, contactId: Uuid });
/** DELETE carries its reason in a JSON body or, for clients that cannot send one, in the query. */
export const RemoveContactQuery = z.object({ reason: Reason.optional() });
export const RemoveContactBody = z.object({ reason: Reason.optional() }).optional();

export const RecordViolationBody = RecordViolationData.omit({ customerId: true }).extend({ reason: Reason });
export const AddEvaluationBody = z.object({ text: EvaluationAdded.shape.data.shape.text, reason: Reason.optional() });

export const ProposeChangeBody = z.object({
  // Contacts to add come without ids, as POST /customers/{id}/contacts takes them; the route gives each its id.
  changes: ProposedChanges.extend({
    contacts: ProposedContacts.extend({ add: z.array(ContactDetails).max(50, 'at most 50 contacts').optional() }).optional(),
  }).meta({
    description:
      'the archive fields to change, as PATCH /customers/{id} takes them, and (v1.1) `status`, `salespersonId`, `validUntil` and ' +
      '`contacts: {add?, change?, remove?}` as their direct routes take them',
  }),
  reason: Reason,
});
export const DecideChangeRequestBody = z.object({ decision: ChangeRequestDecision, reason: Reason });

export const CustomerListQuery = TimeTravelQuery.extend({
  grade: Grade.optional(),
  status: CustomerStatus.optional(),
  salespersonId: SalespersonId.optional(),
  q: ShortText.optional().meta({ description: 'the name contains it (case-insensitive)' }),
  limit: Limit,
  // The list's position is its own (the projection checks it); the API only carries it.
  cursor: Cursor(z.json()).optional(),
});

export const HistoryQuery = TimeTravelQuery.extend({ limit: Limit, cursor: Cursor(z.json()).optional() });

export const ViolationReportQuery = TimeTravelQuery.extend({
  customerId: Uuid.optional(),
  from: QueryInstant.optional().meta({ description: 'violations at or after this instant' }),
  to: QueryInstant.optional().meta({ description: 'violations before this instant' }),
  type: ShortText.optional(),
  format: z.enum(['json', 'csv', 'xlsx']).default('json').meta({
    description: 'json (a page), or every matching record as a file with Chinese headers: csv (UTF-8 with BOM) or xlsx',
  }),
  limit: Limit,
  cursor: Cursor(z.json()).optional(),
});

// ---- answers

export const Registered = z.object({ id: Uuid, version }).meta({ id: 'CustomerRegisteredAnswer' });
export const Changed = z.object({ version }).meta({ id: 'CustomerChangedAnswer' });
export const ContactAddedAnswer = z.object({ id: Uuid, version }).meta({ id: 'ContactAddedAnswer' });

const ArchiveReviewView = z.discriminatedUnion('stage', [
  z.object({ stage: z.literal('unreviewed') }),
  z.object({ stage: z.literal('reviewed'), reviewer: Person, reviewerName: ActName, reviewedAt: Instant }),
  z.object({ stage: z.literal('approved'), reviewer: Person, reviewerName: ActName, approver: Person, approverName: ActName, approvedAt: Instant }),
  z.object({ stage: z.literal('rejected'), reviewer: Person, reviewerName: ActName, approver: Person, approverName: ActName, rejectedAt: Instant }),
]);

/** A personal value, or 已删除 once its subject was erased (个人信息保护法 art. 47). */
const erasable = <T extends z.ZodType>(schema: T) =>
  z.union([schema, z.literal(erasedValue).meta({ description: '已删除: the value was erased' })]);

/** A contact as read: each personal field 已删除 once the contact was erased (at every time point). */
export const ContactView = Contact.extend({
  name: erasable(ShortText),
  departmentAndTitle: erasable(ShortText).optional(),
  phone: erasable(PhoneNumber).optional(),
  fax: erasable(LandlineNumber).optional(),
  mobile: erasable(MobileNumber).optional(),
  email: erasable(Email).optional(),
}).meta({ id: 'ContactView' });

/** GET /customers/{id}: DOMAIN.md §2 with API.md's names and the derived fields. */
export const CustomerView = ArchiveRecord.extend({
  id: Uuid,
  salespersonId: SalespersonId,
  salespersonName: PersonName.meta({ description: '业务员 by the staff directory as of the answer’s time point; null when not listed' }),
  status: CustomerStatus,
  validUntil: IsoDate.nullable().meta({ description: '有效期: the archive is re-reviewed before it ends' }),
  reviewDue: z.boolean().meta({ description: 'the validity ends within the notice period (30 days by default)' }),
  contacts: z.array(ContactView),
  grade: Grade.nullable().meta({ description: '客户等级 of the latest approved grade summary' }),
  vip: z.boolean(),
  creditLimit: Money.nullable().meta({ description: '信用额度 in force (元)' }),
  creditLimitSource: CreditLimitSource.nullable(),
  enteredAt: Instant.meta({ description: '录入时间, set by the system' }),
  violations: z.array(ViolationRecorded.shape.data.omit({ customerId: true })),
  evaluations: z.array(EvaluationAdded.shape.data.omit({ customerId: true }).extend({ evaluatorName: ActName })),
  review: ArchiveReviewView,
  approval: z.enum(['pending', 'reviewed', 'approved', 'rejected']).meta({
    description: '客户评审 → 审批: pending (awaits the review board), reviewed (awaits the group GM), approved, rejected (back to the archive clerk for 核对与更改)',
  }),
  activeSince: Instant.nullable().meta({ description: 'since when the customer has been active (合作起始)' }),
  version: z.number().int().min(1),
}).meta({ id: 'Customer', description: 'invoicing (财务开票信息) only for archiveClerk, salesAdminManager, groupGM and auditor' });

export const CustomerSummary = z.object({
  id: Uuid,
  name: z.string(),
  salespersonId: z.string(),
  salespersonName: PersonName.meta({ description: '业务员 by the staff directory as of the list’s time point; null when not listed' }),
  status: CustomerStatus,
  region: z.string().nullable(),
  grade: Grade.nullable(),
  creditLimit: Money.nullable(),
  validUntil: IsoDate.nullable(),
  reviewDue: z.boolean(),
  vip: z.boolean(),
});
export const CustomerPage = PageOf(CustomerSummary).meta({ id: 'CustomerPage' });

export const HistoryItem = z.object({
  position: z.number().int().min(1).meta({ description: 'place in the global log (commit order)' }),
  streamId: z.string().meta({ description: 'the archive (customer-<id>), its monthly figures or its credit lock' }),
  version: z.number().int().min(1).meta({ description: 'the event’s version in its stream' }),
  type: z.string().meta({ description: 'the event, e.g. ArchiveFieldsChanged' }),
  occurredAt: Instant.meta({ description: 'effective time' }),
  recordedAt: Instant.meta({ description: 'record time' }),
  actor: Actor,
  reason: z.string().nullable().meta({ description: 'the written reason (修改原因)' }),
  data: z.record(z.string(), z.unknown()).meta({ description: 'the event’s data; invoicing values only for the roles that read invoicing' }),
});
export const HistoryPage = PageOf(HistoryItem).meta({ id: 'CustomerHistory' });

export const ChangeRequestView = z
  .object({
    id: Uuid,
    customerId: Uuid,
    status: z.enum(['pending', 'applied', 'rejected']),
    changes: z.array(FieldChange).meta({ description: 'each field’s value when asked (from) and the one proposed (to)' }),
    alsoProposed: ProposedDirectChanges.nullable().meta({ description: 'status, salesperson, validity and contacts proposed; checked when applied' }),
    requestedBy: Person,
    requestedByName: ActName,
    requestedAt: Instant,
    reason: z.string().nullable(),
    decidedBy: Person.nullable(),
    decidedByName: ActName.nullable().meta({ description: 'null while pending' }),
    decidedAt: Instant.nullable(),
    decisionReason: z.string().nullable(),
    version: z.number().int().min(1).meta({ description: 'the request’s version (its ETag; If-Match of the decision)' }),
  })
  .meta({ id: 'ChangeRequest' });

export const ChangeRequestCreated = z.object({ id: Uuid, version }).meta({ id: 'ChangeRequestCreated' });

export const ChangeRequestDecided = z
  .object({
    id: Uuid,
    customerId: Uuid,
    status: z.enum(['applied', 'rejected']),
    version: z.number().int().min(1).meta({ description: 'the request’s version' }),
    customerVersion: z.number().int().min(1).nullable().meta({ description: 'the customer’s version after an applied change; null on a rejection' }),
  })
  .meta({ id: 'ChangeRequestDecided' });

export const ViolationRecord = z.object({
  customerId: Uuid,
  customerName: z.string().nullable().meta({ description: '客户名称 at the time point' }),
  occurredAt: Instant.meta({ description: '时间: when the violation happened' }),
  type: z.string(),
  description: z.string(),
  recordedAt: Instant.meta({ description: 'when it was recorded' }),
});
export const ViolationPage = PageOf(ViolationRecord).meta({ id: 'ViolationRecords' });
