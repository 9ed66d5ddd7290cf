import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { builtInPolicy, evaluateCustomer } from '../../../src/domain/grading/index.js';
import { inputArb, testPeriod } from '../../arbitraries/grading.js';
import { acme } from './periodFixtures.js';

const points = (input: typeof acme, criterion: string) =>
  evaluateCustomer(builtInPolicy, '2026-10', input).scorecard.find((c) => c.criterion === criterion)!.points;

describe('the default scorecard', () => {
  test.each([
    [0, 15],
    [1, 7.5],
    [2, 3],
    [3, 0],
  ])('%d violations in the previous period give %d of 15 points', (violations, expected) => {
    expect(points({ ...acme, violations }, 'violations')).toBe(expected);
  });

  test.each([
    ['2023-10-01', 7],
    ['2023-10-02', 4],
    ['2026-10-01', 2],
    ['2027-01-01', 2],
  ])('cooperation since %s gives %d of 10 points in 2026-10', (cooperationSince, expected) => {
    expect(points({ ...acme, cooperationSince }, 'cooperation')).toBe(expected);
  });

  test.prop([inputArb(testPeriod), fc.nat({ max: 3 }), fc.nat({ max: 3 })], { numRuns: 200 })(
    'scores 0–100, never more for more violations or complaints',
    (input, moreViolations, moreComplaints) => {
      const score = (i: typeof input) => evaluateCustomer(builtInPolicy, testPeriod, i).scorecardScore;
      const base = score(input);
      expect(base).toBeGreaterThanOrEqual(0);
      expect(base).toBeLessThanOrEqual(100);
      expect(score({ ...input, violations: input.violations + moreViolations, complaints: input.complaints + moreComplaints })).toBeLessThanOrEqual(base);
    },
  );
});
