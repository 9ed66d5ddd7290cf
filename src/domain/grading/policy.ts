import { z } from 'zod';
import { Decimal, fromDecimal } from './ratio.js';
import { Score } from './score.js';

/** Grade letters, best first (A 核心/VIP … E 淘汰客户). */
export const Grade = z.enum(['A', 'B', 'C', 'D', 'E']);
export type Grade = z.infer<typeof Grade>;

/** Higher is better: E 0 … A 4; a policy never gives a lower grade to a higher score. */
export const gradeRank = (grade: Grade): number => 4 - Grade.options.indexOf(grade);

/** A score band: `from` included, `to` excluded, except that the band ending at 100 includes 100. */
export const ScoreBand = z.object({ from: Score, to: Score, grade: Grade });
export type ScoreBand = z.infer<typeof ScoreBand>;

export const GradeSetting = z.object({
  label: z.string().trim().min(1).max(100),
  /**
   * 等级系数: a decimal string; validation refuses a negative one with a named rule. At
   * most 100, so that a credit limit derived from any amount entered fits (money.ts).
   */
  coefficient: Decimal.refine((d) => {
    const r = fromDecimal(d);
    return r.num <= 100n * r.den;
  }, 'a grade coefficient is at most 100'),
  /** A类客户参照VIP客户管理办法: which grades carry the VIP flag. */
  vip: z.boolean(),
});
export type GradeSetting = z.infer<typeof GradeSetting>;

/** What a scorecard criterion reads about the customer. */
export const CriterionInput = z.enum([
  'monthlyAverageSales', // 月均销售额 (元), the same window as the credit limit
  'fulfilmentRate', // 上期按期信用履约率, 0–1
  'violations', // 违规记录 counted in the incidents period
  'complaints', // 客户投诉 counted in the incidents period
  'yearsOfCooperation', // full years since cooperation began, at the period's first day
]);
export type CriterionInput = z.infer<typeof CriterionInput>;

/**
 * One weighted criterion. Its input maps to a factor 0–1 by thresholds:
 * `higherIsBetter` takes the factor of the highest threshold the input reaches (0 below all);
 * `lowerIsBetter` the factor of the lowest threshold the input stays within (0 above all).
 * Points = weight × factor; the weights of a scorecard sum to 100.
 */
export const Criterion = z.object({
  id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,49}$/),
  label: z.string().trim().min(1).max(100),
  input: CriterionInput,
  weight: z.number().int().min(0).max(100),
  direction: z.enum(['higherIsBetter', 'lowerIsBetter']),
  thresholds: z.array(z.object({ threshold: Decimal, factor: Decimal })).min(1).max(20),
});
export type Criterion = z.infer<typeof Criterion>;

export const Rounding = z.object({
  /** 信用额度 is rounded to this unit: 元 by default. */
  unit: z.enum(['fen', 'yuan', 'hundredYuan']),
  mode: z.enum(['halfUp', 'down']),
});
export type Rounding = z.infer<typeof Rounding>;

export const GradingPolicy = z.object({
  bands: z.array(ScoreBand).min(1).max(20),
  grades: z.object({ A: GradeSetting, B: GradeSetting, C: GradeSetting, D: GradeSetting, E: GradeSetting }),
  scorecard: z.array(Criterion).min(1).max(20),
  salesWindow: z.object({
    /** 月均销售额 is taken over this many periods before the evaluated one. */
    periods: z.number().int().min(1).max(24),
    /** `skip`: the mean of the months recorded; `zero`: a missing month counts as 0 sales. */
    missingMonths: z.enum(['skip', 'zero']),
  }),
  /** 上期按期信用履约率 of a period with nothing due (or no figures recorded). */
  fulfilmentWhenNothingDue: Decimal,
  /** Which period's violations and complaints the scorecard counts. */
  incidentsPeriod: z.enum(['previous', 'evaluated']),
  rounding: Rounding,
  /** 提升计划: how many C customers closest to B the monthly upgrade plan lists. */
  upgradePlanSize: z.number().int().min(0).max(1000),
});
export type GradingPolicy = z.infer<typeof GradingPolicy>;

/** A policy with the version it was published as (0: the built-in one, before any publication). */
export const VersionedPolicy = z.object({ version: z.number().int().min(0), policy: GradingPolicy });
export type VersionedPolicy = z.infer<typeof VersionedPolicy>;
