import { type Money, type Period, fromFen, divRoundHalfUp } from '../shared/index.js';
import { creditLimitFen } from './creditLimit.js';
import { gradeFor } from './grades.js';
import type { Evaluation } from './evaluationResult.js';
import type { CustomerGradingInput, ScoreOverride } from './inputs.js';
import { type Fulfilment, type SalesAverage, fulfilment, incidentsPeriodOf, latestByPeriod, salesAverage, yearsOfCooperation } from './measures.js';
import type { GradingPolicy, VersionedPolicy } from './policy.js';
import { type Ratio, fromDecimal, ratio, toDisplayNumber } from './ratio.js';
import { scorecardScore } from './scorecard.js';
import { fromHundredths, toHundredths } from './score.js';

const fenToMoney = (r: Ratio): Money => fromFen(divRoundHalfUp(r.num, r.den));

const yuanOf = (fen: Ratio): Ratio => ratio(fen.num, fen.den * 100n);

/** 备注: why a figure is what it is, in the summary's language. */
const remarksOf = (policy: GradingPolicy, sales: SalesAverage, rate: Fulfilment, override: ScoreOverride | undefined, computed: number): string[] => [
  ...(sales.counted.length === 0
    ? [`评估期前${sales.window.length}个月无销售记录,月均销售额按0计`]
    : sales.missing.length === 0
      ? []
      : policy.salesWindow.missingMonths === 'skip'
        ? [`月均销售额按已记录的${sales.counted.length}个月计算(缺${sales.missing.join('、')})`]
        : [`${sales.missing.join('、')}无销售记录,按0计入月均销售额`]),
  ...(rate.defaulted === 'notRecorded' ? [`上期(${rate.period})无记录,履约率按${policy.fulfilmentWhenNothingDue}计`] : []),
  ...(rate.defaulted === 'nothingDue' ? [`上期(${rate.period})无应收信用,履约率按${policy.fulfilmentWhenNothingDue}计`] : []),
  ...(override ? [`评审小组调整评分(计分卡${computed}分):${override.reason}`] : []),
];

/**
 * Evaluate one customer for `period` under a policy: score (the scorecard's, or the
 * review board's override), grade, coefficient and credit limit. Total: any input,
 * history or none, gives a result.
 */
export const evaluateCustomer = (
  { version, policy }: VersionedPolicy,
  period: Period,
  input: CustomerGradingInput,
  override?: ScoreOverride,
): Evaluation => {
  const figures = latestByPeriod(input.figures);
  const sales = salesAverage(policy, period, figures);
  const rate = fulfilment(policy, period, figures);
  const incidentsPeriod = incidentsPeriodOf(policy, period);
  const monthlyAverageSales = fenToMoney(sales.fen);
  const fulfilmentRate = toDisplayNumber(rate.rate, 4);
  const years = yearsOfCooperation(input.cooperationSince, period);
  const card = scorecardScore(
    policy,
    {
      monthlyAverageSales: yuanOf(sales.fen),
      fulfilmentRate: rate.rate,
      violations: ratio(BigInt(input.violations)),
      complaints: ratio(BigInt(input.complaints)),
      yearsOfCooperation: ratio(BigInt(years)),
    },
    (i) =>
      ({
        monthlyAverageSales,
        fulfilmentRate: String(fulfilmentRate),
        violations: `${input.violations} (${incidentsPeriod})`,
        complaints: `${input.complaints} (${incidentsPeriod})`,
        yearsOfCooperation: String(years),
      })[i],
  );
  const hundredths = override ? toHundredths(override.score) : card.hundredths;
  const grade = gradeFor(policy, hundredths);
  const setting = policy.grades[grade];
  const limit = creditLimitFen(sales.fen, rate.rate, fromDecimal(setting.coefficient), policy.rounding);
  return {
    score: fromHundredths(hundredths),
    scoreSource: override ? 'override' : 'scorecard',
    scorecardScore: fromHundredths(card.hundredths),
    scorecard: card.breakdown,
    grade,
    coefficient: setting.coefficient,
    vip: setting.vip,
    monthlyAverageSales,
    salesMonths: sales.counted,
    fulfilmentRate,
    creditDue: rate.creditDue,
    creditPaidOnTime: rate.creditPaidOnTime,
    creditLimit: fromFen(limit),
    policyVersion: version,
    remarks: remarksOf(policy, sales, rate, override, fromHundredths(card.hundredths)),
  };
};
