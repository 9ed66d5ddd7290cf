import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  type CustomerGradingInput,
  type GradingPolicy,
  defaultGradingPolicy,
  figurePeriodsOf,
  GradeSetting,
  Grade,
  RecordMonthlyFiguresData,
  ungradable,
} from '../../../src/domain/grading/index.js';
import { EnteredMoney, isMoney, maxEnteredMoney } from '../../../src/domain/shared/index.js';

/**
 * Money is bounded at entry to what every derived amount can hold (issue 12 §4): with
 * figures below one trillion 元 and grade coefficients of at most 100, no evaluation
 * derives an amount a record cannot hold, whatever the months and the policy's rounding.
 */
const period = '2026-10';
const fen = fc.bigInt({ min: 0n, max: 99_999_999_999_999n });
const entered = fen.map((f) => `${f / 100n}.${String(f % 100n).padStart(2, '0')}`);
const coefficient = fc.integer({ min: 0, max: 1_000_000 }).map((n) => (n / 10_000).toFixed(4).replace(/\.?0+$/, '') || '0');

const withCoefficients = (coefficients: readonly string[]): GradingPolicy => ({
  ...defaultGradingPolicy,
  grades: Object.fromEntries(Grade.options.map((g, i) => [g, { ...defaultGradingPolicy.grades[g], coefficient: coefficients[i]! }])) as GradingPolicy['grades'],
});

const input = (figures: { sales: string; creditDue: string; creditPaidOnTime: string }[]): CustomerGradingInput => ({
  customerId: '8a0c4b52-6d6f-4c4e-9b1d-3f2a1e0d9c8b',
  customerName: '边界客户',
  salespersonId: 'sp-1',
  figures: figurePeriodsOf(defaultGradingPolicy, period).map((p, i) => ({ period: p, ...figures[i % figures.length]! })),
  violations: 0,
  complaints: 0,
  cooperationSince: null,
});

describe('amounts entered, and what grading derives from them', () => {
  test('entered money is at most 999999999999.99 元; the schema says so', () => {
    expect(EnteredMoney.safeParse(maxEnteredMoney).success).toBe(true);
    expect(EnteredMoney.safeParse('1000000000000').success).toBe(false);
    expect(EnteredMoney.safeParse('999999999999999.99').success).toBe(false);
    expect(RecordMonthlyFiguresData.shape.sales.safeParse('999999999999999.99').success).toBe(false);
    expect(GradeSetting.shape.coefficient.safeParse('100').success).toBe(true);
    expect(GradeSetting.shape.coefficient.safeParse('100.0001').success).toBe(false);
  });

  test('a coefficient that is not a decimal is refused by name, not thrown on (it answered 500)', () => {
    for (const text of ['!', ':', '', '1.2.3', 'x1']) {
      const parsed = GradeSetting.shape.coefficient.safeParse(text);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((i) => i.message)).toEqual(['a decimal with at most four decimals, e.g. "1.2"']);
    }
  });

  test('every customer with entered figures can be graded under any policy with coefficients up to 100', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ sales: entered, creditDue: entered, creditPaidOnTime: entered }), { minLength: 1, maxLength: 4 }),
        fc.array(coefficient, { minLength: 5, maxLength: 5 }),
        (figures, coefficients) => {
          const ok = figures.map((f) => ({ ...f, creditPaidOnTime: f.creditPaidOnTime > f.creditDue ? f.creditDue : f.creditPaidOnTime }));
          expect(figures.every((f) => EnteredMoney.safeParse(f.sales).success)).toBe(true);
          expect(ungradable({ version: 1, policy: withCoefficients(coefficients) }, period, input(ok))).toBeUndefined();
        },
      ),
    );
  });

  test('a customer whose derived credit limit no record holds is named, with the amount', () => {
    const legacy = { sales: '999999999999999.99', creditDue: '1', creditPaidOnTime: '1' };
    const why = ungradable({ version: 1, policy: defaultGradingPolicy }, period, input([legacy]));
    expect(why).toMatch(/^its creditLimit would be \d{16,}\.\d\d 元/);
    expect(isMoney('999999999999999.99')).toBe(true);
    expect(isMoney('1000000000000000.00')).toBe(false);
  });
});
