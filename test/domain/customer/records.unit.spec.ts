import { describe, test } from 'vitest';
import { type CustomerCommand, customerDecider } from '../../../src/domain/customer/index.js';
import { deciderSpec } from '../../support/deciderSpec.js';
import { archiveClerk, at, auditor, by, customerId, registered, salesperson, serviceClerk } from './fixtures.js';

const spec = deciderSpec(customerDecider);

const violation = { occurredAt: '2026-10-20T02:00:00.000Z', type: '逾期付款', description: '9月货款逾期 25 天' };
const recordViolation = (meta = by(serviceClerk, '财务通报'), occurredAt = violation.occurredAt): CustomerCommand => ({
  type: 'RecordViolation',
  data: { customerId, ...violation, occurredAt },
  meta,
});
const violationRecorded = { type: 'ViolationRecorded' as const, data: { customerId, ...violation } };

describe('recording a violation (违规记录)', () => {
  test('the service clerk back-fills it', () => spec.given(registered()).when(recordViolation()).then(violationRecorded));
  test('the archive clerk records it', () => spec.given(registered()).when(recordViolation(by(archiveClerk))).then(violationRecorded));
  test('another one with the same text is still recorded: the list only grows', () =>
    spec.given(registered(), violationRecorded).when(recordViolation()).then(violationRecorded));
  test('a salesperson cannot record one', () => spec.given(registered()).when(recordViolation(by(salesperson))).thenRefused('RoleNotAllowed'));
  test('the auditor cannot record one', () => spec.given(registered()).when(recordViolation(by(auditor))).thenRefused('RoleNotAllowed'));
  test('it needs a reason', () => spec.given(registered()).when(recordViolation(by(serviceClerk, null))).thenRefused('ReasonRequired'));
  test('one that has not happened yet is refused', () =>
    spec.given(registered()).when(recordViolation(by(serviceClerk), '2026-11-02T00:00:00.000Z')).thenRefused('ViolationInTheFuture'));
  test('one at the very moment of recording is accepted', () =>
    spec
      .given(registered())
      .when(recordViolation(by(serviceClerk), at(1)))
      .then({ type: 'ViolationRecorded', data: { customerId, ...violation, occurredAt: at(1) } }));
  test('on an unknown customer it is refused', () => spec.given().when(recordViolation()).thenRefused('CustomerNotFound'));
});

describe('adding an evaluation (客户评价)', () => {
  const evaluate = (meta = by(salesperson, null)): CustomerCommand => ({ type: 'AddEvaluation', data: { customerId, text: '付款及时, 沟通顺畅' }, meta });
  const evaluated = { type: 'EvaluationAdded' as const, data: { customerId, evaluator: { id: 'u-sales', name: '张伟' }, text: '付款及时, 沟通顺畅', at: at(1) } };
  test('any staff member evaluates, without a reason; the evaluator is the actor', () =>
    spec.given(registered()).when(evaluate()).then(evaluated));
  test('a reason may be given', () => spec.given(registered()).when(evaluate(by(salesperson, '季度回访'))).then(evaluated));
  test('evaluations accumulate', () => spec.given(registered(), evaluated).when(evaluate()).then(evaluated));
  test('the auditor cannot evaluate', () => spec.given(registered()).when(evaluate(by(auditor, null))).thenRefused('RoleNotAllowed'));
  test('on an unknown customer it is refused', () => spec.given().when(evaluate()).thenRefused('CustomerNotFound'));
});
