import { describe, expect, test } from 'vitest';
import { type RegisterCustomer, customerDecider } from '../../../src/domain/customer/index.js';
import { deciderSpec } from '../../support/deciderSpec.js';
import { archiveClerk, at, auditor, by, contactId, customerId, registered, salesperson } from './fixtures.js';

const spec = deciderSpec(customerDecider);

const register = (meta = by(archiveClerk), data: Partial<RegisterCustomer['data']> = {}): RegisterCustomer => ({
  type: 'RegisterCustomer',
  data: { customerId, name: '宁波华美工艺品有限公司', salespersonId: 'u-sales', status: 'prospect', ...data },
  meta,
});

describe('when no customer has the id', () => {
  test('the archive clerk registers it, the system setting its entry time', () =>
    spec.given().when(register()).then(registered()));

  test('its fields are kept in their canonical spelling, its contacts as given', () =>
    spec
      .given()
      .when(
        register(by(archiveClerk), {
          status: 'active',
          validUntil: '2027-10-31',
          registeredCapital: '5000000',
          sales: { annual: '1200.5' },
          competition: {},
          contacts: [{ id: contactId, category: 'primary', name: '陈明', email: undefined }],
        }),
      )
      .then(
        registered({
          status: 'active',
          validUntil: '2027-10-31',
          archive: { name: '宁波华美工艺品有限公司', registeredCapital: '5000000.00', sales: { annual: '1200.50' } },
          contacts: [{ id: contactId, category: 'primary', name: '陈明' }],
        }),
      ));

  test('a salesperson cannot register it (only the archive clerk enters archives)', () =>
    spec.given().when(register(by(salesperson))).thenRefused('RoleNotAllowed'));

  test('the auditor cannot register it', () => spec.given().when(register(by(auditor))).thenRefused('RoleNotAllowed'));

  test('it cannot be registered without a written reason', () => {
    spec.given().when(register(by(archiveClerk, null))).thenRefused('ReasonRequired');
    const error = spec.given().when(register(by(archiveClerk, '  '))).thenRefused('ReasonRequired');
    expect(error.message).toMatch(/reason/);
  });

  test('two contacts with one id are refused', () =>
    spec
      .given()
      .when(
        register(by(archiveClerk), {
          contacts: [
            { id: contactId, category: 'primary', name: '陈明' },
            { id: contactId, category: 'secondary', name: '林芳' },
          ],
        }),
      )
      .thenRefused('ContactAlreadyExists'));
});

describe('when the customer is registered', () => {
  test('registering the id again is refused', () =>
    spec.given(registered()).when(register()).thenRefused('CustomerAlreadyRegistered'));

  test('the entry time is the first registration', () =>
    expect(registered().data.enteredAt).toBe(at(1)));
});
