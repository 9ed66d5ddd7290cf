import { divRoundHalfUp } from '../shared/index.js';
import type { CriterionResult } from './evaluationResult.js';
import type { Criterion, CriterionInput, GradingPolicy } from './policy.js';
import { type Ratio, compare, fromDecimal, mul, ratio } from './ratio.js';
import type { Hundredths } from './score.js';

/** The values a scorecard reads, exact. */
export type ScorecardInputs = Record<CriterionInput, Ratio>;

const zero = ratio(0n);

/** The factor 0–1 a criterion gives an input value (see `Criterion`). */
export const factorOf = (criterion: Criterion, value: Ratio): string => {
  const steps = criterion.thresholds;
  const hit =
    criterion.direction === 'higherIsBetter'
      ? steps.findLast((s) => compare(value, fromDecimal(s.threshold)) >= 0)
      : steps.find((s) => compare(value, fromDecimal(s.threshold)) <= 0);
  return hit?.factor ?? '0';
};

const pointsHundredths = (criterion: Criterion, factor: string): Ratio => mul(ratio(BigInt(criterion.weight) * 100n), fromDecimal(factor));

const roundHundredths = (r: Ratio): Hundredths => Number(divRoundHalfUp(r.num, r.den));

/**
 * 客户等级评分 from the scorecard: Σ weight × factor, exact, rounded once (half up) to
 * hundredths of a point. Weights sum to 100 and factors are 0–1, so it lies in 0–100.
 */
export const scorecardScore = (
  policy: GradingPolicy,
  inputs: ScorecardInputs,
  show: (input: CriterionInput) => string,
): { hundredths: Hundredths; breakdown: CriterionResult[] } => {
  const parts = policy.scorecard.map((c) => {
    const factor = factorOf(c, inputs[c.input]);
    return { c, factor, points: pointsHundredths(c, factor) };
  });
  const total = parts.reduce((sum, p) => ({ num: sum.num * p.points.den + p.points.num * sum.den, den: sum.den * p.points.den }), zero);
  return {
    hundredths: roundHundredths(total),
    breakdown: parts.map((p) => ({
      criterion: p.c.id,
      value: show(p.c.input),
      factor: p.factor,
      points: roundHundredths(p.points) / 100,
    })),
  };
};
