// test/consumers/domain.ts — the domain in memory: decide, then evolve; no store, no clock.
import * as E from 'fp-ts/lib/Either.js';
import { customer, type Actor } from 'customer-ledger/domain';

const clerk: Actor = { id: 'u-1001', name: '王芳', roles: ['archiveClerk'] };
const customerId = '0b8f7a36-5d0e-4c1b-9a57-3f1d2e6c8a90';

const registration = customer.customerDecider.decide(
  {
    type: 'RegisterCustomer',
    data: { customerId, name: '华东精密机械有限公司', salespersonId: 'sp-1', status: 'active', region: '华东' },
    meta: { actor: clerk, at: '2026-11-02T09:00:00+08:00', reason: '新客户建档' },
  },
  customer.customerDecider.initialState,
);
if (E.isLeft(registration)) throw new Error(registration.left.message);
const state = registration.right.reduce(customer.customerDecider.evolve, customer.customerDecider.initialState);
console.log(state.status, registration.right.map((event) => event.type)); // active [ 'CustomerRegistered' ]

// A refusal is a value naming the rule, never an exception.
const again = customer.customerDecider.decide(
  { type: 'ChangeStatus', data: { customerId, status: 'active' }, meta: { actor: clerk, at: '2026-11-03T09:00:00+08:00', reason: '复核' } },
  customer.customerDecider.initialState,
);
console.log(E.isLeft(again) ? again.left.code : 'accepted'); // CustomerNotFound
