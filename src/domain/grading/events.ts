import { z } from 'zod';
import { Money, Period, Reason, Role, Uuid } from '../shared/index.js';
import { Evaluation } from './evaluationResult.js';
import { MonthlyFigures } from './inputs.js';
import { Grade, GradingPolicy } from './policy.js';
import { Score } from './score.js';

/** A new grading policy is in force (stream `gradingPolicy-current`); the author is the event's actor. */
export const GradingPolicyPublished = z.object({
  type: z.literal('GradingPolicyPublished'),
  data: z.object({ version: z.number().int().min(1), policy: GradingPolicy, reason: Reason }),
});
export type GradingPolicyPublished = z.infer<typeof GradingPolicyPublished>;

/** A customer's figures for a period (stream `customerFigures-<id>`); a later one for the same period supersedes it. */
export const MonthlyFiguresRecorded = z.object({
  type: z.literal('MonthlyFiguresRecorded'),
  data: MonthlyFigures.extend({ customerId: Uuid }),
});
export type MonthlyFiguresRecorded = z.infer<typeof MonthlyFiguresRecorded>;

/** One changed field of a re-grade: the value before and after. */
export const GradeChange = z.object({ field: z.string(), from: z.json(), to: z.json() });
export type GradeChange = z.infer<typeof GradeChange>;

/**
 * A customer's evaluation for a period (stream `gradingPeriod-<YYYY-MM>`). `revision` 1 is
 * the first in the period; a later revision supersedes it and lists what changed.
 */
export const CustomerGraded = z.object({
  type: z.literal('CustomerGraded'),
  data: Evaluation.extend({
    period: Period,
    customerId: Uuid,
    customerName: z.string(),
    salespersonId: z.string(),
    revision: z.number().int().min(1),
    changes: z.array(GradeChange),
  }),
});
export type CustomerGraded = z.infer<typeof CustomerGraded>;

/** 客户评审小组 replaced the scorecard's score of a customer for a period, with a written reason. */
export const ScoreOverridden = z.object({
  type: z.literal('ScoreOverridden'),
  data: z.object({ period: Period, customerId: Uuid, score: Score, reason: Reason }),
});
export type ScoreOverridden = z.infer<typeof ScoreOverridden>;

/** The sign-off steps of the grade summary, in order: 编制 → 复核 → 审核 → 审批. */
export const SignOffStep = z.enum(['prepared', 'reviewed', 'audited', 'approved']);
export type SignOffStep = z.infer<typeof SignOffStep>;

/** What approval makes effective for one customer: its grade, VIP flag and credit limit (信用额度). */
export const EffectiveGrade = z.object({
  customerId: Uuid,
  grade: Grade,
  vip: z.boolean(),
  score: Score,
  creditLimit: Money,
  policyVersion: z.number().int().min(0),
  /** The revision of the customer's CustomerGraded that was approved. */
  revision: z.number().int().min(1),
});
export type EffectiveGrade = z.infer<typeof EffectiveGrade>;

const signer = { period: Period, signerId: z.string(), signerName: z.string(), role: Role };

/**
 * A step of the grade summary signed. The `approved` step freezes the period and
 * carries, per customer, the grade and credit limit that become effective (the
 * archive's `creditLimit` from the event's effective time).
 */
export const GradeSummarySignedOff = z.object({
  type: z.literal('GradeSummarySignedOff'),
  data: z.discriminatedUnion('step', [
    z.object({ ...signer, step: z.literal('prepared') }),
    z.object({ ...signer, step: z.literal('reviewed') }),
    z.object({ ...signer, step: z.literal('audited') }),
    z.object({ ...signer, step: z.literal('approved'), effective: z.array(EffectiveGrade) }),
  ]),
});
export type GradeSummarySignedOff = z.infer<typeof GradeSummarySignedOff>;

/**
 * The summary changed (a run or an override re-graded someone) after sign-off had
 * begun: the signatures given covered other figures, so they no longer count and
 * signing starts again from `prepared`.
 */
export const GradeSummarySignOffsVoided = z.object({
  type: z.literal('GradeSummarySignOffsVoided'),
  data: z.object({ period: Period, steps: z.array(SignOffStep).min(1), customerIds: z.array(Uuid).min(1) }),
});
export type GradeSummarySignOffsVoided = z.infer<typeof GradeSummarySignOffsVoided>;

/** 备注: the archive clerk's note on a customer's row of the summary (empty text clears it). */
export const GradeSummaryNoteWritten = z.object({
  type: z.literal('GradeSummaryNoteWritten'),
  data: z.object({ period: Period, customerId: Uuid, text: z.string().max(500) }),
});
export type GradeSummaryNoteWritten = z.infer<typeof GradeSummaryNoteWritten>;

export type PolicyEvent = GradingPolicyPublished;
export type FiguresEvent = MonthlyFiguresRecorded;
export type PeriodEvent = CustomerGraded | ScoreOverridden | GradeSummarySignedOff | GradeSummarySignOffsVoided | GradeSummaryNoteWritten;
export type GradingEvent = PolicyEvent | FiguresEvent | PeriodEvent;
