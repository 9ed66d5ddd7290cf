import { describe, expect, test } from 'vitest';
import { periodDecider } from '../../../src/domain/grading/index.js';
import { deciderSpec } from '../../support/deciderSpec.js';
import { acme, board, clerk, gradedOf, history, manager, ningbo, override, run, signOff } from './periodFixtures.js';

const spec = deciderSpec(periodDecider);

describe('when the customer was graded', () => {
  const graded = history(run([acme, ningbo]));

  test('an override is recorded and re-grades the customer at once', () => {
    const events = history(run([acme, ningbo]), override(acme, 92)).slice(graded.length);
    expect(events.map((e) => e.type)).toEqual(['ScoreOverridden', 'CustomerGraded']);
    expect(events[0]!.data).toEqual({ period: '2026-10', customerId: acme.customerId, score: 92, reason: '评审小组:战略客户' });
    expect(gradedOf(events)[0]!.data).toMatchObject({ score: 92, scoreSource: 'override', scorecardScore: 85, grade: 'A', vip: true, creditLimit: '156750.00', revision: 2 });
  });

  test('later runs keep applying the override', () => {
    spec.given(...history(run([acme]), override(acme, 92))).when(run([acme])).then();
  });

  test('the same override again is a no-op', () => {
    spec.given(...history(run([acme]), override(acme, 92))).when(override(acme, 92)).then();
  });

  test("an override equal to the scorecard's score still marks the score as overridden", () => {
    const events = history(run([acme]), override(acme, 85)).slice(1);
    expect(events.map((e) => e.type)).toEqual(['ScoreOverridden', 'CustomerGraded']);
    expect(gradedOf(events)[0]!.data.changes).toEqual([
      { field: 'scoreSource', from: 'scorecard', to: 'override' },
      { field: 'remarks', from: [], to: ['评审小组调整评分(计分卡85分):评审小组:战略客户'] },
    ]);
  });

  test('only the review board overrides', () => {
    spec.given(...graded).when(override(acme, 92, true, manager)).thenRefused('RoleNotAllowed');
  });

  test('an override states why', () => {
    const command = override(acme, 92);
    spec.given(...graded).when({ ...command, meta: { ...command.meta, reason: undefined } }).thenRefused('ReasonRequired');
  });

  test("inputs of another customer are refused", () => {
    const command = override(acme, 92);
    spec.given(...graded).when({ ...command, data: { ...command.data, customer: ningbo } }).thenRefused('CustomerMismatch');
  });
});

describe('when the customer has not been graded', () => {
  test('an override without inputs waits for the next run', () => {
    const events = history(override(acme, 61, false));
    expect(events.map((e) => e.type)).toEqual(['ScoreOverridden']);
    const later = history(override(acme, 61, false), run([acme])).slice(1);
    expect(gradedOf(later)[0]!.data).toMatchObject({ score: 61, grade: 'D', coefficient: '1', scoreSource: 'override' });
  });
});

describe('when the summary is being signed off', () => {
  test('an override that changes a result voids the signatures', () => {
    const past = history(run([acme]), signOff('prepared', clerk));
    const events = history(run([acme]), signOff('prepared', clerk), override(acme, 70)).slice(past.length);
    expect(events.map((e) => e.type)).toEqual(['ScoreOverridden', 'CustomerGraded', 'GradeSummarySignOffsVoided']);
  });

  test('an override for a customer not in the summary leaves them', () => {
    const past = history(run([acme]), signOff('prepared', clerk));
    spec.given(...past).when(override(ningbo, 70, false, board)).then({
      type: 'ScoreOverridden',
      data: { period: '2026-10', customerId: ningbo.customerId, score: 70, reason: '评审小组:战略客户' },
    });
  });
});
