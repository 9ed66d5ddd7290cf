import { assertNever } from '../shared/index.js';
import { applyArchiveChanges, applyContactChanges } from './changes.js';
import type { CustomerEvent } from './events.js';
import type { CustomerState, RegisteredCustomer } from './state.js';

/**
 * A change of the archive's content (fields, contacts, status, salesperson) after 审批,
 * approving or rejecting, makes it pending again: the approval covered other content,
 * and a rejected archive's 核对与更改 is done. Violations and evaluations do not count.
 */
const changed = (customer: RegisteredCustomer): RegisteredCustomer =>
  customer.review.stage === 'approved' || customer.review.stage === 'rejected' ? { ...customer, review: { stage: 'unreviewed' } } : customer;

const evolveRegistered = (customer: RegisteredCustomer, event: CustomerEvent): RegisteredCustomer => {
  switch (event.type) {
    case 'CustomerRegistered':
      return customer;
    case 'ArchiveFieldsChanged':
      return changed({ ...customer, archive: applyArchiveChanges(customer.archive, event.data.changes) });
    case 'ContactAdded':
      return changed({ ...customer, contacts: [...customer.contacts, event.data.contact] });
    case 'ContactChanged':
      return changed({
        ...customer,
        contacts: customer.contacts.map((c) =>
          c.id === event.data.contactId ? applyContactChanges(c, event.data.changes) : c,
        ),
      });
    case 'ContactErased':
    case 'ContactRemoved':
      if (customer.removedContactIds.includes(event.data.contactId)) return customer;
      return changed({
        ...customer,
        contacts: customer.contacts.filter((c) => c.id !== event.data.contactId),
        removedContactIds: [...customer.removedContactIds, event.data.contactId],
      });
    case 'StatusChanged':
      return changed({ ...customer, status: event.data.to });
    case 'SalespersonReassigned':
      return changed({ ...customer, salespersonId: event.data.to });
    case 'ViolationRecorded': {
      const { customerId: _customerId, ...violation } = event.data;
      return { ...customer, violations: [...customer.violations, violation] };
    }
    case 'EvaluationAdded': {
      const { customerId: _customerId, ...evaluation } = event.data;
      return { ...customer, evaluations: [...customer.evaluations, evaluation] };
    }
    case 'ValidityRenewed':
      return { ...customer, validUntil: event.data.to };
    case 'ArchiveReviewed':
      return { ...customer, review: { stage: 'reviewed', reviewer: event.data.reviewer, reviewedAt: event.data.at } };
    case 'ArchiveApproved':
      return {
        ...customer,
        review: { stage: 'approved', reviewer: event.data.reviewer, approver: event.data.approver, approvedAt: event.data.at },
      };
    case 'ArchiveRejected':
      return {
        ...customer,
        review: { stage: 'rejected', reviewer: event.data.reviewer, approver: event.data.approver, rejectedAt: event.data.at },
      };
    case 'LegalRepresentativeErased':
      // The value stays where it was; read, it shows 已删除 (its key is gone).
      return customer;
    default:
      return assertNever(event);
  }
};

/** Total: an event that does not fit the state (none should) leaves the state as it was. */
export const evolveCustomer = (state: CustomerState, event: CustomerEvent): CustomerState => {
  if (event.type === 'CustomerRegistered') {
    if (state.status !== 'unregistered') return state;
    const { enteredAt, ...data } = event.data;
    return { ...data, enteredAt, removedContactIds: [], violations: [], evaluations: [], review: { stage: 'unreviewed' } };
  }
  return state.status === 'unregistered' ? state : evolveRegistered(state, event);
};
