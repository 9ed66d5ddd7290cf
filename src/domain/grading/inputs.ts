import { z } from 'zod';
import { EnteredMoney, IsoDate, Period, Text, Uuid } from '../shared/index.js';

/** One customer's figures for one period (月度数据): sales and the credit due / paid on time. */
export const MonthlyFigures = z.object({
  period: Period,
  sales: EnteredMoney, // 销售额
  creditDue: EnteredMoney, // 应收信用 (due in the period)
  creditPaidOnTime: EnteredMoney, // 按期回款
});
export type MonthlyFigures = z.infer<typeof MonthlyFigures>;

/**
 * What grading needs to know about one customer for a period, gathered by the
 * application from the read models: the archive header, the figures of the months
 * the policy looks at (the latest recording of each; a later entry for the same period
 * wins here too), the violations and complaints counted in the policy's incidents
 * period, and when cooperation began (null: unknown, counted as 0 years).
 */
export const CustomerGradingInput = z.object({
  customerId: Uuid,
  customerName: Text(200),
  salespersonId: z.string().min(1).max(200),
  figures: z.array(MonthlyFigures).max(240),
  violations: z.number().int().min(0),
  complaints: z.number().int().min(0),
  cooperationSince: IsoDate.nullable(),
});
export type CustomerGradingInput = z.infer<typeof CustomerGradingInput>;

/** A review board override (客户评审小组调整评分) as evaluation sees it. */
export type ScoreOverride = { score: number; reason: string };
