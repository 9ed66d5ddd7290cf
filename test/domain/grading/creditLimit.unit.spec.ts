import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { type Rounding, creditLimitFen } from '../../../src/domain/grading/index.js';
import { fromDecimal, ratio } from '../../../src/domain/grading/ratio.js';
import { decimalArb, fenArb } from '../../arbitraries/grading.js';

const yuanHalfUp: Rounding = { unit: 'yuan', mode: 'halfUp' };
const roundingArb = fc.record({ unit: fc.constantFrom('fen', 'yuan', 'hundredYuan' as const), mode: fc.constantFrom('halfUp', 'down' as const) });

/** Sales over n months, paid/due, coefficient as text: everything a limit depends on. */
const limitInputsArb = fc.record({
  totalFen: fenArb(10n ** 13n),
  months: fc.integer({ min: 1, max: 12 }),
  due: fenArb(10n ** 11n).map((d) => d + 1n),
  paidShare: fc.integer({ min: 0, max: 10_000 }),
  coefficient: decimalArb(3, 4),
  rounding: roundingArb,
});
type LimitInputs = typeof limitInputsArb extends fc.Arbitrary<infer T> ? T : never;

const paidOf = (i: LimitInputs) => (i.due * BigInt(i.paidShare)) / 10_000n;
const limit = (i: LimitInputs) => creditLimitFen(ratio(i.totalFen, BigInt(i.months)), ratio(paidOf(i), i.due), fromDecimal(i.coefficient), i.rounding);

/** An independent computation: scale everything to integers by hand, then round. */
const independent = (i: LimitInputs): bigint => {
  const [whole, frac = ''] = i.coefficient.split('.');
  const c = BigInt(`${whole}${frac}`);
  const cScale = 10n ** BigInt(frac.length);
  const unit = { fen: 1n, yuan: 100n, hundredYuan: 10_000n }[i.rounding.unit];
  const num = i.totalFen * paidOf(i) * c;
  const den = BigInt(i.months) * i.due * cScale * unit;
  const q = num / den;
  const r = num % den;
  const units = i.rounding.mode === 'down' ? q : 2n * r >= den ? q + 1n : q;
  return units * unit;
};

describe('the credit limit formula (月均销售额 × 上期按期信用履约率 × 等级系数)', () => {
  test('holds for the worked example: 110000.00 × 0.95 × 1.2 = 125400 元', () => {
    expect(creditLimitFen(ratio(33_000_000n, 3n), fromDecimal('0.95'), fromDecimal('1.2'), yuanHalfUp)).toBe(12_540_000n);
  });

  test('rounds to whole yuan half up by default, and can round down', () => {
    // 1000.00 × 1 × 0.0005 = 0.50 元
    expect(creditLimitFen(ratio(100_000n), ratio(1n), fromDecimal('0.0005'), yuanHalfUp)).toBe(100n);
    expect(creditLimitFen(ratio(100_000n), ratio(1n), fromDecimal('0.0005'), { unit: 'yuan', mode: 'down' })).toBe(0n);
    expect(creditLimitFen(ratio(100_000n), ratio(1n), fromDecimal('0.0004'), yuanHalfUp)).toBe(0n);
  });

  test.prop([limitInputsArb], { numRuns: 300 })('is exact to the unit, equal to an independent bigint computation', (i) => {
    expect(limit(i)).toBe(independent(i));
  });

  test.prop([limitInputsArb], { numRuns: 200 })('is never negative', (i) => {
    expect(limit(i)).toBeGreaterThanOrEqual(0n);
  });

  test.prop([limitInputsArb], { numRuns: 200 })('is zero for zero sales or zero fulfilment', (i) => {
    expect(limit({ ...i, totalFen: 0n })).toBe(0n);
    expect(limit({ ...i, paidShare: 0 })).toBe(0n);
  });

  test.prop([limitInputsArb, fenArb(10n ** 12n), fc.integer({ min: 0, max: 10_000 }), decimalArb(2, 4)], { numRuns: 300 })(
    'does not decrease as sales, fulfilment or coefficient rise',
    (i, moreSales, moreShare, moreCoefficient) => {
      const base = limit(i);
      expect(limit({ ...i, totalFen: i.totalFen + moreSales })).toBeGreaterThanOrEqual(base);
      expect(limit({ ...i, paidShare: Math.min(10_000, i.paidShare + moreShare) })).toBeGreaterThanOrEqual(base);
      const c = fromDecimal(i.coefficient);
      const extra = fromDecimal(moreCoefficient);
      const raised = ratio(c.num * extra.den + extra.num * c.den, c.den * extra.den);
      const withRaised = creditLimitFen(ratio(i.totalFen, BigInt(i.months)), ratio(paidOf(i), i.due), raised, i.rounding);
      expect(withRaised).toBeGreaterThanOrEqual(base);
    },
  );
});
