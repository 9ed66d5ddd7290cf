import { describe, test } from 'vitest';
import {
  type ChangeRequestCommand,
  type ChangeRequestDecision,
  type Contact,
  changeRequestDecider,
  type FieldChange,
  type ProposedChanges,
  type ProposedDirectChanges,
} from '../../../src/domain/customer/index.js';
import { deciderSpec } from '../../support/deciderSpec.js';
import { archiveClerk, at, by, contactId, customerId, otherContactId, registered, requestId, salesperson } from './fixtures.js';

/** v1.1: a request may carry status, salesperson, validity and contacts, applied by the clerk's own commands' rules. */
const spec = deciderSpec(changeRequestDecider);
const chen: Contact = { id: contactId, category: 'primary', name: '陈明', mobile: '13812345678' };
const lin: Contact = { id: otherContactId, category: 'secondary', name: '林芳' };
const customer = registered({ archive: { name: '宁波华美工艺品有限公司' }, contacts: [chen], validUntil: '2027-06-30' });
const zhang = { id: 'u-sales', name: '张伟' };
const wang = { id: 'u-clerk', name: '王丽' };

const propose = (changes: ProposedChanges): ChangeRequestCommand => ({
  type: 'ProposeChange',
  data: { requestId, customerId, changes },
  meta: by(salesperson, '客户来函'),
});
const decide = (decision: ChangeRequestDecision): ChangeRequestCommand => ({ type: 'DecideChangeRequest', data: { requestId, decision }, meta: by(archiveClerk, '已核实') });
const requested = (alsoProposed: ProposedDirectChanges, changes: FieldChange[] = []) => ({
  type: 'ChangeRequested' as const,
  data: { requestId, customerId, changes, alsoProposed, requestedBy: zhang, at: at(1) },
});
const applied = { type: 'ChangeRequestApplied' as const, data: { requestId, customerId, decidedBy: wang, at: at(1) } };
const rejected = { type: 'ChangeRequestRejected' as const, data: { requestId, customerId, decidedBy: wang, at: at(1) } };

const everything: ProposedDirectChanges = {
  status: 'active',
  salespersonId: 'u-sales2',
  validUntil: '2028-06-30',
  contacts: { add: [lin], change: [{ contactId, changes: { name: '陈亮' } }], remove: [contactId] },
};

describe('proposing status, salesperson, validity or contacts', () => {
  test('the request records them beside the field changes', () =>
    spec
      .given(customer)
      .when(propose({ region: '浙江', status: 'active', contacts: { add: [lin] } }))
      .then(requested({ status: 'active', contacts: { add: [lin] } }, [{ field: 'region', from: null, to: '浙江' }])));
  test('a request of only a status change is a request', () =>
    spec.given(customer).when(propose({ status: 'lost' })).then(requested({ status: 'lost' })));
});

describe('applying them', () => {
  test('each becomes the event its direct command makes, in the customer’s stream with the decision', () =>
    spec
      .given(customer, requested(everything))
      .when(decide('apply'))
      .then(
        applied,
        { type: 'StatusChanged', data: { customerId, from: 'prospect', to: 'active' } },
        { type: 'SalespersonReassigned', data: { customerId, from: 'u-sales', to: 'u-sales2' } },
        { type: 'ValidityRenewed', data: { customerId, from: '2027-06-30', to: '2028-06-30' } },
        { type: 'ContactAdded', data: { customerId, contact: lin } },
        { type: 'ContactChanged', data: { customerId, contactId, changes: [{ field: 'name', from: '陈明', to: '陈亮' }] } },
        { type: 'ContactRemoved', data: { customerId, contactId } },
      ));
  test('a status transition the direct route refuses is refused, and nothing is applied', () =>
    spec.given(customer, requested({ status: 'inactive' })).when(decide('apply')).thenRefused('StatusTransitionNotAllowed'));
  test('a shortened validity is refused by the renewal’s rule', () =>
    spec.given(customer, requested({ validUntil: '2027-01-01' })).when(decide('apply')).thenRefused('ValidityNotExtended'));
  test('a change to a contact that is gone is refused', () =>
    spec.given(customer, requested({ contacts: { change: [{ contactId: otherContactId, changes: { name: '林芳芳' } }] } })).when(decide('apply')).thenRefused('ContactNotFound'));
  test('a second primary contact is refused by the archive’s consistency rule', () =>
    spec.given(customer, requested({ contacts: { add: [{ ...lin, category: 'primary' }] } })).when(decide('apply')).thenRefused('OnePrimaryContact'));
  test('rejecting them changes nothing', () => spec.given(customer, requested(everything)).when(decide('reject')).then(rejected));
});
