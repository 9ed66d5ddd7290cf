import { z } from 'zod';
import { type Command, Period, Uuid } from '../shared/index.js';
import { SignOffStep } from './events.js';
import { CustomerGradingInput, MonthlyFigures } from './inputs.js';
import { GradingPolicy, VersionedPolicy } from './policy.js';
import { Score } from './score.js';

/** Put a new grading policy in force (销售管理部经理). */
export const PublishGradingPolicyData = z.object({ policy: GradingPolicy });
export type PublishGradingPolicyData = z.infer<typeof PublishGradingPolicyData>;
export type PublishGradingPolicy = Command<'PublishGradingPolicy', PublishGradingPolicyData>;

/** Record (or correct) a customer's figures for a period (销售内勤(客户管理)). */
export const RecordMonthlyFiguresData = MonthlyFigures.extend({ customerId: Uuid });
export type RecordMonthlyFiguresData = z.infer<typeof RecordMonthlyFiguresData>;
export type RecordMonthlyFigures = Command<'RecordMonthlyFigures', RecordMonthlyFiguresData>;

/**
 * Grade every customer listed for a period under the policy in force. The application
 * gathers the inputs (active customers and their figures) and the policy; the decider
 * only computes, compares with the period's last results and records what changed.
 */
export const RunGradingData = z.object({
  period: Period,
  policy: VersionedPolicy,
  customers: z.array(CustomerGradingInput),
});
export type RunGradingData = z.infer<typeof RunGradingData>;
export type RunGrading = Command<'RunGrading', RunGradingData>;

/**
 * The review board replaces a customer's score for a period. When the application
 * has the customer's inputs (an active customer) the customer is re-graded at once;
 * otherwise the override waits for the next run.
 */
export const OverrideScoreData = z.object({
  period: Period,
  customerId: Uuid,
  score: Score,
  policy: VersionedPolicy,
  customer: CustomerGradingInput.nullable(),
});
export type OverrideScoreData = z.infer<typeof OverrideScoreData>;
export type OverrideScore = Command<'OverrideScore', OverrideScoreData>;

/** Sign a step of the period's grade summary (编制/复核/审核/审批). */
export const SignOffGradeSummaryData = z.object({ period: Period, step: SignOffStep });
export type SignOffGradeSummaryData = z.infer<typeof SignOffGradeSummaryData>;
export type SignOffGradeSummary = Command<'SignOffGradeSummary', SignOffGradeSummaryData>;

/** 备注: the archive clerk's free text on a customer's row, before 编制. */
export const WriteGradeSummaryNoteData = z.object({ period: Period, customerId: Uuid, text: z.string().max(500) });
export type WriteGradeSummaryNoteData = z.infer<typeof WriteGradeSummaryNoteData>;
export type WriteGradeSummaryNote = Command<'WriteGradeSummaryNote', WriteGradeSummaryNoteData>;

export type PeriodCommand = RunGrading | OverrideScore | SignOffGradeSummary | WriteGradeSummaryNote;
