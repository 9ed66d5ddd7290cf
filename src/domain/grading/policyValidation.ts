import * as E from 'fp-ts/Either';
import type { DomainError } from '../shared/index.js';
import { type GradingPolicy, type ScoreBand, Grade, gradeRank } from './policy.js';
import { compare, fromDecimal, isNegative, ratio } from './ratio.js';
import { MAX_SCORE, toHundredths } from './score.js';

export type PolicyProblemCode =
  | 'BandIsEmpty'
  | 'BandsLeaveGap'
  | 'BandsOverlap'
  | 'GradeFallsAsScoreRises'
  | 'CoefficientIsNegative'
  | 'WeightsDoNotSumTo100'
  | 'ThresholdsNotAscending'
  | 'FactorOutOfRange'
  | 'CriterionIdRepeated'
  | 'FulfilmentDefaultOutOfRange';

/** One thing wrong with a policy, with where it is (`path`) for a form to point at. */
export type PolicyProblem = DomainError<PolicyProblemCode> & { path: (string | number)[] };

const problem = (code: PolicyProblemCode, path: (string | number)[], message: string): PolicyProblem => ({
  code,
  path,
  message,
});

const fmt = (h: number) => String(h / 100);

/** Bands must tile 0–100 exactly: sorted by `from`, each starts where the previous ended. */
const bandProblems = (bands: readonly ScoreBand[]): PolicyProblem[] => {
  const indexed = bands.map((b, i) => ({ i, b, from: toHundredths(b.from), to: toHundredths(b.to) }));
  const empty = indexed
    .filter((x) => x.from >= x.to)
    .map((x) => problem('BandIsEmpty', ['bands', x.i], `band ${x.i + 1} (${x.b.grade}) runs from ${x.b.from} to ${x.b.to}: it holds no score`));
  if (empty.length > 0) return empty;
  const sorted = [...indexed].sort((a, b) => a.from - b.from || a.to - b.to);
  const found: PolicyProblem[] = [];
  let reached = 0;
  for (const x of sorted) {
    if (x.from > reached)
      found.push(problem('BandsLeaveGap', ['bands', x.i], `no band holds the scores from ${fmt(reached)} up to ${fmt(x.from)}`));
    if (x.from < reached)
      found.push(problem('BandsOverlap', ['bands', x.i], `band ${x.i + 1} (${x.b.grade}) starts at ${x.b.from}, inside a band that runs to ${fmt(reached)}`));
    reached = Math.max(reached, x.to);
  }
  if (reached < MAX_SCORE)
    found.push(problem('BandsLeaveGap', ['bands'], `no band holds the scores from ${fmt(reached)} up to 100`));
  sorted.slice(1).forEach((x, k) => {
    const before = sorted[k]!;
    if (gradeRank(x.b.grade) < gradeRank(before.b.grade))
      found.push(
        problem('GradeFallsAsScoreRises', ['bands', x.i], `scores from ${x.b.from} give ${x.b.grade}, lower than ${before.b.grade} for scores below them`),
      );
  });
  return found;
};

const coefficientProblems = (policy: GradingPolicy): PolicyProblem[] =>
  Grade.options
    .filter((g) => isNegative(fromDecimal(policy.grades[g].coefficient)))
    .map((g) => problem('CoefficientIsNegative', ['grades', g, 'coefficient'], `the coefficient of grade ${g} is ${policy.grades[g].coefficient}; a credit limit is never negative`));

const zero = ratio(0n);
const one = ratio(1n);

const scorecardProblems = (policy: GradingPolicy): PolicyProblem[] => {
  const found: PolicyProblem[] = [];
  const total = policy.scorecard.reduce((sum, c) => sum + c.weight, 0);
  if (total !== 100)
    found.push(problem('WeightsDoNotSumTo100', ['scorecard'], `the scorecard's weights sum to ${total}, not 100`));
  const seen = new Set<string>();
  policy.scorecard.forEach((c, i) => {
    if (seen.has(c.id)) found.push(problem('CriterionIdRepeated', ['scorecard', i, 'id'], `two criteria are named ${c.id}`));
    seen.add(c.id);
    c.thresholds.forEach((t, j) => {
      const f = fromDecimal(t.factor);
      if (compare(f, zero) < 0 || compare(f, one) > 0)
        found.push(problem('FactorOutOfRange', ['scorecard', i, 'thresholds', j, 'factor'], `criterion ${c.id}: factor ${t.factor} is not between 0 and 1`));
      const prev = c.thresholds[j - 1];
      if (prev !== undefined && compare(fromDecimal(prev.threshold), fromDecimal(t.threshold)) >= 0)
        found.push(problem('ThresholdsNotAscending', ['scorecard', i, 'thresholds', j, 'threshold'], `criterion ${c.id}: threshold ${t.threshold} does not rise above ${prev.threshold}`));
    });
  });
  return found;
};

const fulfilmentProblems = (policy: GradingPolicy): PolicyProblem[] => {
  const f = fromDecimal(policy.fulfilmentWhenNothingDue);
  return compare(f, zero) < 0 || compare(f, one) > 0
    ? [problem('FulfilmentDefaultOutOfRange', ['fulfilmentWhenNothingDue'], `a fulfilment rate is between 0 and 1, not ${policy.fulfilmentWhenNothingDue}`)]
    : [];
};

/** Everything wrong with a policy; empty when it may be published. */
export const policyProblems = (policy: GradingPolicy): PolicyProblem[] => [
  ...bandProblems(policy.bands),
  ...coefficientProblems(policy),
  ...scorecardProblems(policy),
  ...fulfilmentProblems(policy),
];

/** The policy, or the first thing wrong with it. */
export const validatePolicy = (policy: GradingPolicy): E.Either<PolicyProblem, GradingPolicy> => {
  const [first] = policyProblems(policy);
  return first === undefined ? E.right(policy) : E.left(first);
};
