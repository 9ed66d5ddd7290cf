/**
 * Which event fields hold personal information of a natural person (个人信息保护法),
 * and whose it is: declared once, here, beside the event schemas. The store encrypts
 * each declared value with its data subject's key before the event is hashed, so that
 * destroying the key erases the value everywhere while every hash chain stays valid.
 *
 * Data subjects: each contact person (联系信息: 姓名, 部门及职务, 电话, 传真, 手机,
 * email) and each customer's legal representative (法人代表).
 *
 * Not declared, on purpose (see `notPersonal` and the README's "Personal information"):
 * company names and the company's own lines (a legal person's data); staff acting in
 * their job (evaluators, approvers, actors) and the staff directory (an employee's 姓名,
 * 部门, 职务: the names the manual's forms print beside 业务员 and the signatures, kept
 * as long as the signed records are; sealing them would let an erasure blank a frozen
 * summary's signatures, and every event's actor already carries the token's name in
 * the clear); and free text (evaluations, violation
 * descriptions, complaints, opinions, competitor notes, reasons). Free text describes
 * the business, is written by staff, and cannot be attributed to a subject by the
 * system; staff are bound not to write personal information into it (保守商业机密).
 */

/** The key a value is encrypted with: `contact:<contactId>` or `legalRepresentative:<customerId>`. */
export type SubjectId = string;

export const contactSubject = (contactId: string): SubjectId => `contact:${contactId}`;
export const legalRepresentativeSubject = (customerId: string): SubjectId => `legalRepresentative:${customerId}`;

/** Shown in place of a value whose subject was erased (its key destroyed). */
export const erasedValue = '已删除';

/**
 * A declared field: `path` walks the event's data (`[]` steps into every item of an
 * array); `subject` names whose value it is from the data and the innermost array item
 * on the way; `when` keeps only the items it holds for (a change of a personal field).
 */
export type PersonalField = {
  path: string;
  subject: (data: Record<string, unknown>, item: Record<string, unknown>) => SubjectId;
  when?: (item: Record<string, unknown>) => boolean;
};

/** A contact's personal fields (ContactDetails of the customer context). */
export const contactPersonalFields = ['name', 'departmentAndTitle', 'phone', 'fax', 'mobile', 'email'] as const;
const contactFieldSet = new Set<string>(contactPersonalFields);

const ofContactItem: PersonalField['subject'] = (_data, item) => contactSubject(String(item.id));
const ofContactId: PersonalField['subject'] = (data) => contactSubject(String(data.contactId));
const ofLegalRepresentative: PersonalField['subject'] = (data) => legalRepresentativeSubject(String(data.customerId));
const legalRepresentativeChange = (item: Record<string, unknown>) => item.field === 'legalRepresentative';
const contactChange = (item: Record<string, unknown>) => contactFieldSet.has(String(item.field));

const contactFields = (prefix: string, subject: PersonalField['subject']): PersonalField[] =>
  contactPersonalFields.map((f) => ({ path: `${prefix}${f}`, subject }));

const changeSides = (when: PersonalField['when'], subject: PersonalField['subject']): PersonalField[] =>
  (['from', 'to'] as const).map((side) => ({ path: `changes[].${side}`, subject, ...(when ? { when } : {}) }));

/** A credit request copies the primary contact; older requests did not note its id. */
const ofCreditContact: PersonalField['subject'] = (data) => {
  const contact = (data.customer as { contact?: { contactId?: string } } | undefined)?.contact;
  return contact?.contactId ? contactSubject(contact.contactId) : `creditRequestContact:${String(data.requestId)}`;
};

export const personalFields: Readonly<Record<string, readonly PersonalField[]>> = {
  CustomerRegistered: [
    ...contactFields('contacts[].', ofContactItem),
    { path: 'archive.legalRepresentative', subject: ofLegalRepresentative },
  ],
  ArchiveFieldsChanged: changeSides(legalRepresentativeChange, ofLegalRepresentative),
  ChangeRequested: [
    ...changeSides(legalRepresentativeChange, ofLegalRepresentative),
    // A written change request may carry contacts to add or change (修改申请): their details are the contacts' own.
    ...contactFields('alsoProposed.contacts.add[].', ofContactItem),
    ...contactFields('alsoProposed.contacts.change[].changes.', (_data, item) => contactSubject(String(item.contactId))),
  ],
  ContactAdded: contactFields('contact.', (data) => contactSubject(String((data.contact as { id: string }).id))),
  ContactChanged: changeSides(contactChange, ofContactId),
  CreditLimitChangeRequested: contactFields('customer.contact.', ofCreditContact).filter((f) => !f.path.endsWith('departmentAndTitle')),
};

/**
 * Fields whose name looks personal but which are not a natural person's information,
 * each with why. The test over every event schema fails for any such field that is in
 * neither list (`test/domain/personalData.spec.ts`).
 */
export const notPersonal: Readonly<Record<string, string>> = {
  name: "a reserved customer name: a company's (legal person); or a staff directory entry's 姓名 (StaffMember*): an employee's name as business records print it, not sealed (see above)",
  'archive.name': 'the customer: a company (legal person)',
  'customer.name': 'the customer: a company (legal person)',
  customerName: 'the customer: a company (legal person)',
  'archive.invoicing.phone': "the company's invoicing line",
  'evaluator.name': 'staff acting in their job (评价人)',
  'reviewer.name': 'staff acting in their job (评审)',
  'approver.name': 'staff acting in their job (审批)',
  'requestedBy.name': 'staff acting in their job',
  'decidedBy.name': 'staff acting in their job',
  'requester.name': 'staff acting in their job',
  'withdrawnBy.name': 'staff acting in their job',
  signerName: 'staff acting in their job (签字)',
};

/** Event types whose data names who was erased: appending one destroys that subject's keys (migration 006). */
export const erasureEventSubjects: Readonly<Record<string, (data: Record<string, unknown>) => SubjectId>> = {
  ContactErased: (data) => contactSubject(String(data.contactId)),
  LegalRepresentativeErased: (data) => legalRepresentativeSubject(String(data.customerId)),
};
