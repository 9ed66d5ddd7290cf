import { z } from 'zod';
import { Actor, Instant, IsoDate, Uuid } from '../shared/index.js';
import {
  ArchiveFieldName,
  ArchiveFieldsPatch,
  ArchiveRecord,
  Contact,
  ContactFieldName,
  ContactPatch,
  CustomerStatus,
  LongText,
  SalespersonId,
  ShortText,
} from './fields/index.js';

/** Who evaluated, reviewed or approved: as the event names them, without their roles. */
export const Person = Actor.pick({ id: true, name: true });
export type Person = z.infer<typeof Person>;

/**
 * One field's old and new value, `null` meaning empty. Each value is checked
 * against its field's own schema, so a change event can never smuggle in what a
 * patch could not (and stays JSON).
 */
const valuesFitField =
  (schemaOf: (field: string) => z.ZodType) =>
  (change: { field: string; from: unknown; to: unknown }, ctx: z.RefinementCtx) => {
    for (const side of ['from', 'to'] as const) {
      if (change[side] === undefined) {
        ctx.addIssue({ code: 'custom', path: [side], message: 'a change names the old and the new value, null when empty' });
        continue;
      }
      const parsed = schemaOf(change.field).safeParse(change[side]);
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', path: [side], message: parsed.error.issues[0]?.message ?? 'invalid value' });
      }
    }
  };

export const FieldChange = z
  .object({ field: ArchiveFieldName, from: z.unknown(), to: z.unknown() })
  .superRefine(valuesFitField((f) => ArchiveFieldsPatch.shape[f as ArchiveFieldName]));
export type FieldChange = z.infer<typeof FieldChange>;

export const ContactFieldChange = z
  .object({ field: ContactFieldName, from: z.unknown(), to: z.unknown() })
  .superRefine(valuesFitField((f) => ContactPatch.shape[f as ContactFieldName]));
export type ContactFieldChange = z.infer<typeof ContactFieldChange>;

const CustomerId = Uuid;

/** 建立客户档案. `enteredAt` is the 录入时间 the system sets. */
export const CustomerRegistered = z.object({
  type: z.literal('CustomerRegistered'),
  data: z.object({
    customerId: CustomerId,
    salespersonId: SalespersonId,
    status: CustomerStatus,
    validUntil: IsoDate.nullable(),
    contacts: z.array(Contact),
    archive: ArchiveRecord,
    enteredAt: Instant,
  }),
});
export type CustomerRegistered = z.infer<typeof CustomerRegistered>;

/** Exactly the fields whose value differs; `changeRequestId` when it applies a 修改申请. */
export const ArchiveFieldsChanged = z.object({
  type: z.literal('ArchiveFieldsChanged'),
  data: z.object({
    customerId: CustomerId,
    changes: z.array(FieldChange).min(1),
    changeRequestId: Uuid.optional(),
  }),
});
export type ArchiveFieldsChanged = z.infer<typeof ArchiveFieldsChanged>;

export const ContactAdded = z.object({
  type: z.literal('ContactAdded'),
  data: z.object({ customerId: CustomerId, contact: Contact }),
});
export type ContactAdded = z.infer<typeof ContactAdded>;

export const ContactChanged = z.object({
  type: z.literal('ContactChanged'),
  data: z.object({ customerId: CustomerId, contactId: Uuid, changes: z.array(ContactFieldChange).min(1) }),
});
export type ContactChanged = z.infer<typeof ContactChanged>;

/** The contact leaves the archive; its ContactAdded stays in the history. */
export const ContactRemoved = z.object({
  type: z.literal('ContactRemoved'),
  data: z.object({ customerId: CustomerId, contactId: Uuid }),
});
export type ContactRemoved = z.infer<typeof ContactRemoved>;

export const StatusChanged = z.object({
  type: z.literal('StatusChanged'),
  data: z.object({ customerId: CustomerId, from: CustomerStatus, to: CustomerStatus }),
});
export type StatusChanged = z.infer<typeof StatusChanged>;

export const SalespersonReassigned = z.object({
  type: z.literal('SalespersonReassigned'),
  data: z.object({ customerId: CustomerId, from: SalespersonId, to: SalespersonId }),
});
export type SalespersonReassigned = z.infer<typeof SalespersonReassigned>;

/** 违规记录: 时间, 类型, 事件描述. Only ever added. */
export const ViolationRecorded = z.object({
  type: z.literal('ViolationRecorded'),
  data: z.object({ customerId: CustomerId, occurredAt: Instant, type: ShortText, description: LongText }),
});
export type ViolationRecorded = z.infer<typeof ViolationRecorded>;

/** 客户评价: 评价人, 评价. Only ever added. */
export const EvaluationAdded = z.object({
  type: z.literal('EvaluationAdded'),
  data: z.object({ customerId: CustomerId, evaluator: Person, text: LongText, at: Instant }),
});
export type EvaluationAdded = z.infer<typeof EvaluationAdded>;

/** 有效期: the archive is re-reviewed before it expires, then renewed. */
export const ValidityRenewed = z.object({
  type: z.literal('ValidityRenewed'),
  data: z.object({ customerId: CustomerId, from: IsoDate.nullable(), to: IsoDate }),
});
export type ValidityRenewed = z.infer<typeof ValidityRenewed>;

/** 客户评审小组 reviewed the archive. */
export const ArchiveReviewed = z.object({
  type: z.literal('ArchiveReviewed'),
  data: z.object({ customerId: CustomerId, reviewer: Person, at: Instant }),
});
export type ArchiveReviewed = z.infer<typeof ArchiveReviewed>;

/** 集团总经理 approved the reviewed archive (审批). */
export const ArchiveApproved = z.object({
  type: z.literal('ArchiveApproved'),
  data: z.object({ customerId: CustomerId, reviewer: Person, approver: Person, at: Instant }),
});
export type ArchiveApproved = z.infer<typeof ArchiveApproved>;

/** 集团总经理 rejected the reviewed archive (审批 N): it goes back to the archive clerk for 核对与更改; the reason is the event's. */
export const ArchiveRejected = z.object({
  type: z.literal('ArchiveRejected'),
  data: z.object({ customerId: CustomerId, reviewer: Person, approver: Person, at: Instant }),
});
export type ArchiveRejected = z.infer<typeof ArchiveRejected>;

/**
 * 个人信息删除 (个人信息保护法 art. 47): the contact's personal information is erased
 * (its key destroyed with this event, see src/domain/personalData.ts); the contact
 * leaves the archive. Who erased it and why are the event's actor and reason.
 */
export const ContactErased = z.object({
  type: z.literal('ContactErased'),
  data: z.object({ customerId: CustomerId, contactId: Uuid }),
});
export type ContactErased = z.infer<typeof ContactErased>;

/** The legal representative's name (法人代表), every value it held until now, is erased. */
export const LegalRepresentativeErased = z.object({
  type: z.literal('LegalRepresentativeErased'),
  data: z.object({ customerId: CustomerId }),
});
export type LegalRepresentativeErased = z.infer<typeof LegalRepresentativeErased>;

export const CustomerEvent = z.discriminatedUnion('type', [
  CustomerRegistered,
  ArchiveFieldsChanged,
  ContactAdded,
  ContactChanged,
  ContactRemoved,
  StatusChanged,
  SalespersonReassigned,
  ViolationRecorded,
  EvaluationAdded,
  ValidityRenewed,
  ArchiveReviewed,
  ArchiveApproved,
  ArchiveRejected,
  ContactErased,
  LegalRepresentativeErased,
]);
export type CustomerEvent = z.infer<typeof CustomerEvent>;
