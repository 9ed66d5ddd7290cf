import { z } from 'zod';
import { Money, Period } from '../shared/index.js';
import { Grade } from './policy.js';
import { Decimal } from './ratio.js';
import { Score } from './score.js';

/** How one scorecard criterion scored. */
export const CriterionResult = z.object({
  criterion: z.string(),
  /** The input as read, e.g. "110000.00", "0.95", "0 (2026-09)". */
  value: z.string(),
  factor: Decimal,
  /** weight × factor, two decimals. */
  points: z.number(),
});
export type CriterionResult = z.infer<typeof CriterionResult>;

/** One customer's result for a period: a row of the grade summary (客户等级管理汇总表) and its workings. */
export const Evaluation = z.object({
  score: Score, // 客户等级评分
  scoreSource: z.enum(['scorecard', 'override']),
  /** What the scorecard gave, kept beside an override for the audit trail. */
  scorecardScore: Score,
  scorecard: z.array(CriterionResult),
  grade: Grade, // 客户等级
  coefficient: Decimal, // 等级系数
  vip: z.boolean(),
  monthlyAverageSales: Money, // 月均销售额 (shown rounded to the fen; the limit uses the exact mean)
  /** The periods whose sales the mean counted. */
  salesMonths: z.array(Period),
  fulfilmentRate: z.number().min(0).max(1), // 上期按期信用履约率 (four decimals; exactly creditPaidOnTime / creditDue)
  creditDue: Money,
  creditPaidOnTime: Money,
  creditLimit: Money, // 信用额度 (元)
  policyVersion: z.number().int().min(0),
  remarks: z.array(z.string()), // 备注
});
export type Evaluation = z.infer<typeof Evaluation>;
