import { fc, test } from '@fast-check/vitest';
import * as E from 'fp-ts/Either';
import { describe, expect } from 'vitest';
import {
  type GradingPolicy,
  type ScoreBand,
  defaultGradingPolicy,
  gradeRank,
  policyProblems,
  validatePolicy,
} from '../../../src/domain/grading/index.js';
import { brokenPolicyArb, validPolicyArb } from '../../arbitraries/grading.js';

const withBands = (bands: ScoreBand[]): GradingPolicy => ({ ...defaultGradingPolicy, bands });
const codes = (p: GradingPolicy) => policyProblems(p).map((x) => x.code);

describe('the default policy', () => {
  test('is well formed', () => {
    expect(policyProblems(defaultGradingPolicy)).toEqual([]);
  });
});

describe('a policy whose bands do not tile 0–100', () => {
  test('is refused for a gap between bands', () => {
    expect(codes(withBands([{ from: 0, to: 59.99, grade: 'E' }, { from: 60, to: 100, grade: 'A' }]))).toEqual(['BandsLeaveGap']);
  });
  test('is refused for a gap at 0 or at 100', () => {
    expect(codes(withBands([{ from: 10, to: 100, grade: 'A' }]))).toEqual(['BandsLeaveGap']);
    expect(codes(withBands([{ from: 0, to: 99.99, grade: 'A' }]))).toEqual(['BandsLeaveGap']);
  });
  test('is refused for an overlap', () => {
    expect(codes(withBands([{ from: 0, to: 60.01, grade: 'E' }, { from: 60, to: 100, grade: 'A' }]))).toEqual(['BandsOverlap']);
  });
  test('is refused for an empty band, with the band named in the message', () => {
    const [problem] = policyProblems(withBands([{ from: 0, to: 100, grade: 'A' }, { from: 50, to: 50, grade: 'B' }]));
    expect(problem).toMatchObject({ code: 'BandIsEmpty', path: ['bands', 1] });
    expect(problem!.message).toContain('band 2');
  });
});

describe('a policy in which a higher score gives a lower grade', () => {
  test('is refused', () => {
    expect(codes(withBands([{ from: 0, to: 60, grade: 'D' }, { from: 60, to: 100, grade: 'E' }]))).toEqual(['GradeFallsAsScoreRises']);
  });
});

describe('a policy with other faults', () => {
  test('is refused for a negative coefficient', () => {
    const p = { ...defaultGradingPolicy, grades: { ...defaultGradingPolicy.grades, D: { ...defaultGradingPolicy.grades.D, coefficient: '-0.8' } } };
    expect(policyProblems(p)).toEqual([expect.objectContaining({ code: 'CoefficientIsNegative', path: ['grades', 'D', 'coefficient'] })]);
  });
  test('is refused when the weights do not sum to 100', () => {
    const p = { ...defaultGradingPolicy, scorecard: defaultGradingPolicy.scorecard.slice(1) };
    expect(validatePolicy(p)).toEqual(E.left(expect.objectContaining({ code: 'WeightsDoNotSumTo100', message: "the scorecard's weights sum to 70, not 100" })));
  });
});

const oracleAccepts = (bands: readonly ScoreBand[]): boolean => {
  const h = (x: number) => Math.round(x * 100);
  if (bands.some((b) => h(b.from) >= h(b.to))) return false;
  let previousRank = -1;
  for (let s = 0; s <= 100_00; s++) {
    const holding = bands.filter((b) => h(b.from) <= s && (s < h(b.to) || (s === 100_00 && h(b.to) === 100_00)));
    if (holding.length !== 1) return false;
    const rank = gradeRank(holding[0]!.grade);
    if (rank < previousRank) return false;
    previousRank = rank;
  }
  return true;
};

const edgeArb = fc.constantFrom(0, 30, 59.99, 60, 60.01, 80, 100);
const bandSoupArb = fc.array(
  fc.record({ from: edgeArb, to: edgeArb, grade: fc.constantFrom('A', 'B', 'C', 'D', 'E' as const) }),
  { minLength: 1, maxLength: 4 },
);

describe('policy validation', () => {
  test.prop([validPolicyArb], { numRuns: 200 })('accepts every well-formed policy', (policy) => {
    expect(policyProblems(policy)).toEqual([]);
  });

  test.prop([brokenPolicyArb], { numRuns: 300 })('refuses a policy broken in one way, naming that rule', ({ policy, code }) => {
    const problems = policyProblems(policy);
    expect(problems.length).toBeGreaterThan(0);
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set([code]));
    expect(validatePolicy(policy)).toEqual(E.left(expect.objectContaining({ code })));
  });

  test.prop([fc.oneof(bandSoupArb, validPolicyArb.map((p) => p.bands))], { numRuns: 150 })(
    'accepts bands exactly when every score 0–100 has one grade and grades never fall (checked score by score)',
    (bands) => {
      const bandCodes = ['BandIsEmpty', 'BandsLeaveGap', 'BandsOverlap', 'GradeFallsAsScoreRises'];
      const refused = codes(withBands(bands)).some((c) => bandCodes.includes(c));
      expect(!refused).toBe(oracleAccepts(bands));
    },
  );
});
