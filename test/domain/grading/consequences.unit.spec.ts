import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { type GradedCustomer, defaultGradingPolicy, gradeFor, isVip, toHundredths, upgradePlan } from '../../../src/domain/grading/index.js';
import { scoreArb } from '../../arbitraries/grading.js';

const customer = (n: number, score: number): GradedCustomer => ({
  customerId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  customerName: `客户${n}`,
  salespersonId: 'sp-1',
  score,
  grade: gradeFor(defaultGradingPolicy, toHundredths(score)),
  creditLimit: '1000.00',
});

describe('grade consequences', () => {
  test('A customers are VIP, no other grade is by default', () => {
    expect((['A', 'B', 'C', 'D', 'E'] as const).filter((g) => isVip(defaultGradingPolicy, g))).toEqual(['A']);
  });

  test('the upgrade plan lists the C customers closest to B, closest first', () => {
    const graded = [customer(1, 71), customer(2, 79.5), customer(3, 85), customer(4, 65), customer(5, 79.99), customer(6, 75)];
    const plan = upgradePlan({ ...defaultGradingPolicy, upgradePlanSize: 3 }, graded);
    expect(plan.map((c) => [c.customerName, c.pointsToB])).toEqual([
      ['客户5', 0.01],
      ['客户2', 0.5],
      ['客户6', 5],
    ]);
  });

  test('equal distances are listed by customer id, so the plan never depends on input order', () => {
    const plan = upgradePlan(defaultGradingPolicy, [customer(9, 75), customer(3, 75)]);
    expect(plan.map((c) => c.customerName)).toEqual(['客户3', '客户9']);
  });

  test.prop([fc.array(scoreArb, { maxLength: 30 }), fc.nat({ max: 12 })], { numRuns: 200 })(
    'lists at most the policy\'s number, only C customers, none closer to B left out',
    (scores, size) => {
      const graded = scores.map((s, i) => customer(i, s));
      const plan = upgradePlan({ ...defaultGradingPolicy, upgradePlanSize: size }, graded);
      const cs = graded.filter((g) => g.grade === 'C');
      expect(plan).toHaveLength(Math.min(size, cs.length));
      expect(plan.every((c) => c.grade === 'C')).toBe(true);
      const worstListed = Math.min(...plan.map((c) => c.score));
      const listed = new Set(plan.map((c) => c.customerId));
      expect(cs.filter((c) => !listed.has(c.customerId)).every((c) => c.score <= worstListed)).toBe(true);
    },
  );
});
