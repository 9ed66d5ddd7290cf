import { describe, test } from 'vitest';
import { customerCreditDecider } from '../../../src/domain/credit/index.js';
import { deciderSpec } from '../../support/deciderSpec.js';
import { at, customerId, requestId, salesperson } from './fixtures.js';

const spec = deciderSpec(customerCreditDecider);
const otherId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const meta = { actor: salesperson, at: at(0), reason: '申请' };
const open = (id = requestId) => ({ type: 'OpenCreditRequest' as const, data: { customerId, requestId: id }, meta });
const close = (id = requestId) => ({ type: 'CloseCreditRequest' as const, data: { customerId, requestId: id, outcome: 'approved' as const }, meta });
const opened = (id = requestId) => ({ type: 'CreditRequestOpened' as const, data: { customerId, requestId: id } });
const closed = (id = requestId) => ({ type: 'CreditRequestClosed' as const, data: { customerId, requestId: id, outcome: 'approved' as const } });

describe('when the customer has no pending request', () => {
  test('a request opens', () => spec.given().when(open()).then(opened()));
  test('closing changes nothing', () => spec.given().when(close()).then());
  test('a request opens again after the last one closed', () => spec.given(opened(otherId), closed(otherId)).when(open()).then(opened()));
});

describe('when the customer has a pending request', () => {
  test('a second request is refused', () => spec.given(opened(otherId)).when(open()).thenRefused('PendingRequestExists'));
  test('opening the pending one again is a repeat', () => spec.given(opened()).when(open()).then());
  test('the pending request closes it', () => spec.given(opened()).when(close()).then(closed()));
  test('closing another request changes nothing', () => spec.given(opened(otherId)).when(close()).then());
});
