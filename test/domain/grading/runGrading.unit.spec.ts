import { describe, expect, test } from 'vitest';
import { builtInPolicy, defaultGradingPolicy, earlierGradingPolicy, periodDecider } from '../../../src/domain/grading/index.js';
import { deciderSpec } from '../../support/deciderSpec.js';
import { actor } from '../../arbitraries/grading.js';
import { acme, board, clerk, fullySigned, gradedOf, history, ningbo, override, run, signOff } from './periodFixtures.js';

const spec = deciderSpec(periodDecider);

describe('when the period has not been graded', () => {
  test('a run grades every customer listed, in customer order, as revision 1', () => {
    const events = history(run([ningbo, acme]));
    expect(events.map((e) => e.type)).toEqual(['CustomerGraded', 'CustomerGraded']);
    expect(gradedOf(events).map((e) => e.data.customerId)).toEqual([acme.customerId, ningbo.customerId]);
    expect(gradedOf(events)[0]!.data).toMatchObject({
      period: '2026-10',
      customerId: acme.customerId,
      customerName: acme.customerName,
      salespersonId: 'sp-1',
      score: 85,
      scoreSource: 'scorecard',
      grade: 'B',
      coefficient: '1.2',
      monthlyAverageSales: '110000.00',
      fulfilmentRate: 0.95,
      creditLimit: '125400.00',
      policyVersion: 1,
      revision: 1,
      changes: [],
    });
  });

  test('the review board may run it too', () => {
    expect(history(run([acme], board))).toHaveLength(1);
  });

  test('a run for a period that has not begun is refused', () => {
    const command = run([acme]);
    spec.given().when({ ...command, meta: { ...command.meta, at: '2026-09-30T23:59:59+08:00' } }).thenRefused('PeriodHasNotBegun');
    expect(history({ ...command, meta: { ...command.meta, at: '2026-10-01T00:00:00+08:00' } })).toHaveLength(1);
  });

  test('a run with nobody to grade changes nothing', () => {
    spec.given().when(run([])).then();
  });

  test('a salesperson may not run it', () => {
    spec.given().when(run([acme], actor('s', 'salesperson'))).thenRefused('RoleNotAllowed');
  });

  test('a run without a reason is refused', () => {
    const command = run([acme]);
    spec.given().when({ ...command, meta: { ...command.meta, reason: '' } }).thenRefused('ReasonRequired');
  });

  test('a customer listed twice is refused', () => {
    spec.given().when(run([acme, acme])).thenRefused('CustomerListedTwice');
  });

  test('an invalid policy is refused with its rule', () => {
    const broken = { version: 7, policy: { ...defaultGradingPolicy, bands: [{ from: 0, to: 90, grade: 'E' as const }] } };
    spec.given().when(run([acme], clerk, broken)).thenRefused('BandsLeaveGap');
  });
});

describe('when the period was graded', () => {
  const graded = history(run([acme, ningbo]));

  test('re-running unchanged inputs changes nothing', () => {
    spec.given(...graded).when(run([ningbo, acme])).then();
  });

  test('changed inputs re-grade only the customer concerned, saying what changed', () => {
    const better = { ...acme, figures: acme.figures.map((f) => (f.period === '2026-09' ? { ...f, creditPaidOnTime: '100000.00' } : f)) };
    const later = history(run([acme, ningbo]), run([better, ningbo])).slice(graded.length);
    expect(later).toHaveLength(1);
    const [regraded] = gradedOf(later);
    expect(regraded!.data).toMatchObject({ customerId: acme.customerId, revision: 2, score: 88, fulfilmentRate: 1, creditLimit: '132000.00' });
    expect(regraded!.data.changes).toEqual(
      expect.arrayContaining([
        { field: 'score', from: 85, to: 88 },
        { field: 'fulfilmentRate', from: 0.95, to: 1 },
        { field: 'creditLimit', from: '125400.00', to: '132000.00' },
        { field: 'creditPaidOnTime', from: '95000.00', to: '100000.00' },
      ]),
    );
    expect(regraded!.data.changes.map((c) => c.field)).not.toContain('grade');
  });

  test('a run under another policy version is refused: the period keeps the one it was graded under', () => {
    spec.given(...graded).when(run([acme, ningbo], clerk, { version: 2, policy: builtInPolicy.policy })).thenRefused('PeriodGradedUnderAnotherPolicy');
    spec.given(...graded).when({ ...override(acme, 95), data: { ...override(acme, 95).data, policy: { version: 2, policy: builtInPolicy.policy } } }).thenRefused('PeriodGradedUnderAnotherPolicy');
  });

  test('a period graded under the earlier built-in version re-runs under it, unchanged', () => {
    const earlier = { version: 0, policy: earlierGradingPolicy };
    const old = history(run([acme, ningbo], clerk, earlier));
    expect(gradedOf(old).map((e) => e.data.policyVersion)).toEqual([0, 0]);
    spec.given(...old).when(run([acme, ningbo], clerk, earlier)).then();
  });

  test('a customer missing from a later run keeps its evaluation', () => {
    spec.given(...graded).when(run([acme])).then();
  });
});

describe('when the summary is being signed off', () => {
  test('a run that changes a result voids the signatures given', () => {
    const past = history(run([acme, ningbo]), signOff('prepared', clerk), fullySigned()[1]!);
    const renamed = { ...ningbo, customerName: '宁波贸易有限公司' };
    const events = history(run([acme, ningbo]), signOff('prepared', clerk), fullySigned()[1]!, run([acme, renamed])).slice(past.length);
    expect(events.map((e) => e.type)).toEqual(['CustomerGraded', 'GradeSummarySignOffsVoided']);
    expect(events[1]!.data).toEqual({ period: '2026-10', steps: ['prepared', 'reviewed'], customerIds: [ningbo.customerId] });
    spec.given(...past, ...events).when(signOff('reviewed', clerk)).thenRefused('StepOutOfOrder');
  });

  test('a run that changes nothing keeps them', () => {
    spec.given(...history(run([acme]), signOff('prepared', clerk))).when(run([acme])).then();
  });
});

describe('when the summary is approved', () => {
  const frozen = history(run([acme, ningbo]), ...fullySigned());

  test('a run is refused: the period is frozen', () => {
    spec.given(...frozen).when(run([acme, ningbo])).thenRefused('PeriodIsFrozen');
  });
  test('an override is refused: the period is frozen', () => {
    spec.given(...frozen).when(override(acme, 95)).thenRefused('PeriodIsFrozen');
  });
});
