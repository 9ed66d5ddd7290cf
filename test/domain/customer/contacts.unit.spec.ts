import { describe, test } from 'vitest';
import { type Contact, type CustomerCommand, customerDecider } from '../../../src/domain/customer/index.js';
import { deciderSpec } from '../../support/deciderSpec.js';
import { archiveClerk, by, contactId, customerId, otherContactId, registered, salesperson } from './fixtures.js';

const spec = deciderSpec(customerDecider);
const chen: Contact = { id: contactId, category: 'primary', name: '陈明', mobile: '13812345678' };

const add = (contact: Contact = chen, meta = by(archiveClerk)): CustomerCommand => ({ type: 'AddContact', data: { customerId, contact }, meta });
const changeContact = (changes: object, id = contactId, meta = by(archiveClerk)): CustomerCommand => ({
  type: 'ChangeContact',
  data: { customerId, contactId: id, changes },
  meta,
});
const remove = (id = contactId, meta = by(archiveClerk)): CustomerCommand => ({ type: 'RemoveContact', data: { customerId, contactId: id }, meta });

const added = { type: 'ContactAdded' as const, data: { customerId, contact: chen } };
const removed = { type: 'ContactRemoved' as const, data: { customerId, contactId } };

describe('when the customer has no contacts', () => {
  test('the archive clerk adds one', () => spec.given(registered()).when(add()).then(added));
  test('a salesperson cannot add one', () => spec.given(registered()).when(add(chen, by(salesperson))).thenRefused('RoleNotAllowed'));
  test('adding one needs a reason', () => spec.given(registered()).when(add(chen, by(archiveClerk, ''))).thenRefused('ReasonRequired'));
  test('changing one is refused', () => spec.given(registered()).when(changeContact({ name: '陈亮' })).thenRefused('ContactNotFound'));
  test('removing one is refused', () => spec.given(registered()).when(remove()).thenRefused('ContactNotFound'));
});

describe('when the customer has a contact', () => {
  test('adding it again is a no-op', () => spec.given(registered(), added).when(add()).then());
  test('adding another with its id is refused', () =>
    spec.given(registered(), added).when(add({ ...chen, name: '林芳' })).thenRefused('ContactAlreadyExists'));
  test('another contact is added beside it', () =>
    spec
      .given(registered(), added)
      .when(add({ id: otherContactId, category: 'secondary', name: '林芳' }))
      .then({ type: 'ContactAdded', data: { customerId, contact: { id: otherContactId, category: 'secondary', name: '林芳' } } }));
  test('a change lists exactly the fields that differ', () =>
    spec
      .given(registered(), added)
      .when(changeContact({ name: '陈明', mobile: null, email: 'chen@huamei.example.cn', category: 'secondary' }))
      .then({
        type: 'ContactChanged',
        data: {
          customerId,
          contactId,
          changes: [
            { field: 'category', from: 'primary', to: 'secondary' },
            { field: 'mobile', from: '13812345678', to: null },
            { field: 'email', from: null, to: 'chen@huamei.example.cn' },
          ],
        },
      }));
  test('a change to the values it holds is a no-op', () =>
    spec.given(registered(), added).when(changeContact({ name: '陈明', fax: null })).then());
  test('it is removed by an event', () => spec.given(registered(), added).when(remove()).then(removed));
});

describe('when a contact was removed', () => {
  test('removing it again is a no-op', () => spec.given(registered(), added, removed).when(remove()).then());
  test('changing it is refused', () =>
    spec.given(registered(), added, removed).when(changeContact({ name: '陈亮' })).thenRefused('ContactNotFound'));
  test('its id is not given to a new contact', () =>
    spec.given(registered(), added, removed).when(add()).thenRefused('ContactAlreadyExists'));
});

describe('when no customer has the id', () => {
  test('adding a contact is refused', () => spec.given().when(add()).thenRefused('CustomerNotFound'));
});

describe('one primary contact (主要联系人) at most', () => {
  const lin: Contact = { id: otherContactId, category: 'primary', name: '林芳' };
  test('a second primary is refused, naming both', () =>
    spec.given(registered(), added).when(add(lin)).thenRefused('OnePrimaryContact'));
  test('a secondary becoming primary beside the primary is refused', () =>
    spec
      .given(registered(), added, { type: 'ContactAdded', data: { customerId, contact: { ...lin, category: 'secondary' } } })
      .when(changeContact({ category: 'primary' }, otherContactId))
      .thenRefused('OnePrimaryContact'));
  test('once the primary is removed, another becomes primary', () =>
    spec.given(registered(), added, removed).when(add(lin)).then({ type: 'ContactAdded', data: { customerId, contact: lin } }));
  test('a registration with two primaries is refused', () =>
    spec
      .given()
      .when({ type: 'RegisterCustomer', data: { customerId, name: '宁波华美工艺品有限公司', salespersonId: 'u-sales', status: 'prospect', contacts: [chen, lin] }, meta: by(archiveClerk) } as CustomerCommand)
      .thenRefused('OnePrimaryContact'));
});
