import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { defaultGradingPolicy, gradeFor, gradeRank, toHundredths } from '../../../src/domain/grading/index.js';
import { scoreArb, validPolicyArb } from '../../arbitraries/grading.js';

const gradeOf = (score: number) => gradeFor(defaultGradingPolicy, toHundredths(score));

describe('grades under the default policy (DOMAIN.md §4)', () => {
  test.each([
    [0, 'E'],
    [49.99, 'E'],
    [50, 'E'],
    [59.99, 'E'],
    [60, 'D'],
    [69.99, 'D'],
    [70, 'C'],
    [79.99, 'C'],
    [80, 'B'],
    [85, 'B'],
    [89.99, 'B'],
    [90, 'A'],
    [100, 'A'],
  ])('score %d is grade %s', (score, grade) => {
    expect(gradeOf(score)).toBe(grade);
  });

  test('a score given as a sum of floats still lands in its band (0.1 × 3 × 200 = 60 → D)', () => {
    expect(gradeOf(0.1 * 3 * 200)).toBe('D');
  });
});

describe('grades under any valid policy', () => {
  test.prop([validPolicyArb, scoreArb, scoreArb], { numRuns: 300 })('never fall as the score rises', (policy, a, b) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    expect(gradeRank(gradeFor(policy, toHundredths(lo)))).toBeLessThanOrEqual(gradeRank(gradeFor(policy, toHundredths(hi))));
  });

  test.prop([validPolicyArb, scoreArb], { numRuns: 300 })('give every score 0–100 exactly one band', (policy, score) => {
    const h = toHundredths(score);
    const holding = policy.bands.filter((b) => {
      const [from, to] = [toHundredths(b.from), toHundredths(b.to)];
      return from <= h && (h < to || (h === 100_00 && to === 100_00));
    });
    expect(holding).toHaveLength(1);
    expect(gradeFor(policy, h)).toBe(holding[0]!.grade);
  });
});
