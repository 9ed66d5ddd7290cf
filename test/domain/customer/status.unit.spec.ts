import { describe, expect, test } from 'vitest';
import {
  type CustomerCommand,
  type CustomerStatus,
  CustomerStatus as Statuses,
  customerDecider,
  statusTransitions,
} from '../../../src/domain/customer/index.js';
import { deciderSpec } from '../../support/deciderSpec.js';
import { archiveClerk, auditor, by, customerId, registered, salesAdminManager, salesperson } from './fixtures.js';

const spec = deciderSpec(customerDecider);

const changeStatus = (status: CustomerStatus, meta = by(archiveClerk, '连续三个月无订单')): CustomerCommand => ({
  type: 'ChangeStatus',
  data: { customerId, status },
  meta,
});
const statusChanged = (from: CustomerStatus, to: CustomerStatus) => ({ type: 'StatusChanged' as const, data: { customerId, from, to } });

const allowed: [CustomerStatus, CustomerStatus][] = [
  ['prospect', 'active'],
  ['prospect', 'lost'],
  ['active', 'inactive'],
  ['active', 'lost'],
  ['inactive', 'active'],
  ['inactive', 'lost'],
  ['lost', 'active'],
];
const pairs = Statuses.options.flatMap((from) => Statuses.options.filter((to) => to !== from).map((to) => [from, to] as const));
const refused = pairs.filter(([from, to]) => !allowed.some(([f, t]) => f === from && t === to));

describe('the status transition table', () => {
  test('is exactly the documented one', () =>
    expect(Object.entries(statusTransitions).flatMap(([from, tos]) => tos.map((to) => [from, to]))).toEqual(allowed));
});

describe.each(allowed)('when the customer is %s', (from, to) => {
  test(`it becomes ${to}`, () => spec.given(registered({ status: from })).when(changeStatus(to)).then(statusChanged(from, to)));
});

describe.each(refused)('when the customer is %s', (from, to) => {
  test(`it cannot become ${to}`, () => {
    const error = spec.given(registered({ status: from })).when(changeStatus(to)).thenRefused('StatusTransitionNotAllowed');
    expect(error.message).toContain(`not ${to}`);
  });
});

describe('when the customer is active', () => {
  const active = registered({ status: 'active' });
  test('changing to active again is a no-op', () => spec.given(active).when(changeStatus('active')).then());
  test('coming back from lost needs a reason like any change', () =>
    spec.given(active, statusChanged('active', 'lost')).when(changeStatus('active', by(archiveClerk, null))).thenRefused('ReasonRequired'));
  test('a salesperson cannot change the status', () =>
    spec.given(active).when(changeStatus('lost', by(salesperson))).thenRefused('RoleNotAllowed'));
  test('a manager cannot change the status directly', () =>
    spec.given(active).when(changeStatus('lost', by(salesAdminManager))).thenRefused('RoleNotAllowed'));
});

describe('reassigning the salesperson (业务员)', () => {
  const reassign = (salespersonId: string, meta = by(archiveClerk, '业务员离职交接')): CustomerCommand => ({
    type: 'ReassignSalesperson',
    data: { customerId, salespersonId },
    meta,
  });
  test('records the old and the new salesperson', () =>
    spec.given(registered()).when(reassign('u-sales2')).then({ type: 'SalespersonReassigned', data: { customerId, from: 'u-sales', to: 'u-sales2' } }));
  test('to the same salesperson is a no-op', () => spec.given(registered()).when(reassign('u-sales')).then());
  test('is refused to the auditor', () => spec.given(registered()).when(reassign('u-sales2', by(auditor))).thenRefused('RoleNotAllowed'));
  test('needs a reason', () => spec.given(registered()).when(reassign('u-sales2', by(archiveClerk, ' '))).thenRefused('ReasonRequired'));
  test('of an unknown customer is refused', () => spec.given().when(reassign('u-sales2')).thenRefused('CustomerNotFound'));
});

describe('when no customer has the id', () => {
  test('a status change is refused', () => spec.given().when(changeStatus('active')).thenRefused('CustomerNotFound'));
});
