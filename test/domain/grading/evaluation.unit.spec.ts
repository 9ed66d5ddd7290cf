import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  type CustomerGradingInput,
  type GradingPolicy,
  Evaluation,
  builtInPolicy,
  defaultGradingPolicy,
  evaluateCustomer,
} from '../../../src/domain/grading/index.js';
import { previousPeriod, toFen } from '../../../src/domain/shared/index.js';
import { inputArb, periodArb, scoreArb, validPolicyArb } from '../../arbitraries/grading.js';

const period = '2026-10';
const figures = (p: string, sales: string, creditDue = '0.00', creditPaidOnTime = '0.00') => ({ period: p, sales, creditDue, creditPaidOnTime });

/** The manual's worked example: 100000, 120000, 110000 over the window, 95% paid on time last period. */
const example: CustomerGradingInput = {
  customerId: '00000000-0000-4000-8000-000000000001',
  customerName: '浙江某控股集团有限公司',
  salespersonId: 'sp-1',
  figures: [figures('2026-07', '100000.00'), figures('2026-08', '120000.00'), figures('2026-09', '110000.00', '100000.00', '95000.00')],
  violations: 0,
  complaints: 0,
  cooperationSince: '2023-05-10',
};

describe('the worked example under the default policy', () => {
  test('scores 85 on the scorecard: grade B, coefficient 1.2, credit limit 125400 元', () => {
    expect(evaluateCustomer(builtInPolicy, period, example)).toMatchObject({
      score: 85,
      scoreSource: 'scorecard',
      grade: 'B',
      coefficient: '1.2',
      vip: false,
      monthlyAverageSales: '110000.00',
      fulfilmentRate: 0.95,
      creditLimit: '125400.00',
      policyVersion: 1,
      remarks: [],
    });
  });

  test('with the review board setting the score to 85 gives the same grade and limit', () => {
    const withOtherCard = { ...example, violations: 4, complaints: 4 };
    const e = evaluateCustomer(builtInPolicy, period, withOtherCard, { score: 85, reason: '评审小组复议' });
    expect(e).toMatchObject({ score: 85, scoreSource: 'override', grade: 'B', creditLimit: '125400.00' });
    expect(e.scorecardScore).toBeLessThan(85);
    expect(e.remarks.at(-1)).toContain('评审小组复议');
  });

  test('an override of 90 makes it A, a VIP, with coefficient 1.5 (156750 元)', () => {
    expect(evaluateCustomer(builtInPolicy, period, example, { score: 90, reason: 'r' })).toMatchObject({ grade: 'A', vip: true, coefficient: '1.5', creditLimit: '156750.00' });
  });
});

describe('a customer with gaps in its history', () => {
  test('averages the recorded months only, by default, and says so', () => {
    const e = evaluateCustomer(builtInPolicy, period, { ...example, figures: [figures('2026-07', '100000.00'), figures('2026-09', '110000.00')] });
    expect(e.monthlyAverageSales).toBe('105000.00');
    expect(e.salesMonths).toEqual(['2026-07', '2026-09']);
    expect(e.remarks).toContain('月均销售额按已记录的2个月计算(缺2026-08)');
  });

  test('counts a missing month as zero when the policy says so', () => {
    const policy: GradingPolicy = { ...defaultGradingPolicy, salesWindow: { periods: 3, missingMonths: 'zero' } };
    const e = evaluateCustomer({ version: 2, policy }, period, { ...example, figures: [figures('2026-07', '100000.00'), figures('2026-09', '110000.00')] });
    expect(e.monthlyAverageSales).toBe('70000.00');
  });

  test('with no history at all gets sales 0 and limit 0, not a failure', () => {
    const e = evaluateCustomer(builtInPolicy, period, { ...example, figures: [], cooperationSince: null });
    expect(e).toMatchObject({ monthlyAverageSales: '0.00', fulfilmentRate: 1, creditLimit: '0.00', salesMonths: [] });
    expect(e.remarks).toEqual(['评估期前3个月无销售记录,月均销售额按0计', '上期(2026-09)无记录,履约率按1计']);
  });

  test('ignores months outside the window and the evaluated month itself', () => {
    const e = evaluateCustomer(builtInPolicy, period, { ...example, figures: [...example.figures, figures('2026-06', '999999.00'), figures('2026-10', '999999.00')] });
    expect(e.monthlyAverageSales).toBe('110000.00');
  });

  test('takes the later of two figures given for one month (a correction)', () => {
    const e = evaluateCustomer(builtInPolicy, period, { ...example, figures: [...example.figures, figures('2026-09', '140000.00', '100000.00', '95000.00')] });
    expect(e.monthlyAverageSales).toBe('120000.00');
  });
});

describe('the fulfilment rate (上期按期信用履约率)', () => {
  test('is 1 when nothing was due last period', () => {
    const e = evaluateCustomer(builtInPolicy, period, { ...example, figures: [figures('2026-09', '110000.00')] });
    expect(e.fulfilmentRate).toBe(1);
    expect(e.remarks).toContain('上期(2026-09)无应收信用,履约率按1计');
  });

  test('is the policy default when configured otherwise', () => {
    const policy = { ...defaultGradingPolicy, fulfilmentWhenNothingDue: '0.8' };
    expect(evaluateCustomer({ version: 1, policy }, period, { ...example, figures: [figures('2026-09', '110000.00')] }).creditLimit).toBe('88000.00');
  });

  test('is kept exact inside the limit: 2/3 paid on 300000 due over sales of 100000', () => {
    const e = evaluateCustomer(builtInPolicy, period, { ...example, figures: [figures('2026-09', '100000.00', '300000.00', '200000.00')] }, { score: 75, reason: 'r' });
    // 100000 × 2/3 × 1.0 = 66666.67 → 66667 元; 0.6667 × 100000 would give 66670
    expect(e).toMatchObject({ fulfilmentRate: 0.6667, creditLimit: '66667.00' });
  });
});

describe('any customer under any valid policy', () => {
  test.prop([validPolicyArb, periodArb.chain((p) => fc.tuple(fc.constant(p), inputArb(p))), fc.option(scoreArb, { nil: undefined })], { numRuns: 200 })(
    'gets a result that is a valid summary row, with the limit the formula gives exactly',
    (policy, [p, input], override) => {
      const e = evaluateCustomer({ version: 3, policy }, p, input, override === undefined ? undefined : { score: override, reason: 'r' });
      expect(Evaluation.safeParse(e).success).toBe(true);
      // independent: mean of counted sales × paid/due × coefficient, rounded per policy
      const byPeriod = new Map(input.figures.map((f) => [f.period, f]));
      const sales = e.salesMonths.map((m) => toFen(byPeriod.get(m)!.sales));
      const months = BigInt(policy.salesWindow.missingMonths === 'zero' ? policy.salesWindow.periods : sales.length);
      const prev = byPeriod.get(previousPeriod(p));
      const [paid, due] = prev && toFen(prev.creditDue) > 0n ? [toFen(prev.creditPaidOnTime), toFen(prev.creditDue)] : [null, null];
      const [fw, ff = ''] = policy.fulfilmentWhenNothingDue.split('.');
      const [rateNum, rateDen] = paid === null ? [BigInt(fw! + ff), 10n ** BigInt(ff.length)] : [paid, due!];
      const [cw, cf = ''] = e.coefficient.split('.');
      const unit = { fen: 1n, yuan: 100n, hundredYuan: 10_000n }[policy.rounding.unit];
      const num = sales.reduce((a, b) => a + b, 0n) * rateNum * BigInt(cw! + cf);
      const den = (months === 0n ? 1n : months) * rateDen * 10n ** BigInt(cf.length) * unit;
      const units = policy.rounding.mode === 'down' ? num / den : (2n * num + den) / (2n * den);
      expect(toFen(e.creditLimit)).toBe(units * unit);
      expect(e.score).toBe(override ?? e.scorecardScore);
    },
  );
});
