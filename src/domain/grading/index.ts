/**
 * Grading (客户等级评估), credit limits from the formula, and the signed grade summary
 * (客户等级管理汇总表). Choices where DOMAIN.md §4 is silent, each a policy setting or
 * stated here:
 * - Before any publication the built-in policy (`defaultGradingPolicy`) is in force as
 *   version 0; the application may start from another base (`policyDecider(base)`).
 * - Scores carry at most two decimals and are compared in integer hundredths.
 * - 月均销售额: the mean of the recorded months of the window (`missingMonths: 'skip'`)
 *   or with missing months as 0 (`'zero'`); with no month recorded it is 0, so is the
 *   limit, and the remarks say why. The limit uses the exact mean, not the rounded one.
 * - 上期按期信用履约率: a previous period not recorded, or with nothing due, counts as
 *   `fulfilmentWhenNothingDue` (1); paid on time is capped at the amount due.
 * - Violations and complaints are counted in the previous period by default
 *   (`incidentsPeriod`), the last complete one when a period is graded.
 * - Overrides live on the period stream: they apply to every later evaluation of the
 *   customer in the period, and re-grade an active customer at once.
 * - A result that changes after sign-off began voids the signatures given
 *   (GradeSummarySignOffsVoided); signing starts again from `prepared`.
 * - Customers left out of a later run (no longer active) keep their last evaluation.
 */
import { type EventType, eventType } from '../shared/index.js';
import {
  CustomerGraded,
  GradeSummaryNoteWritten,
  GradeSummarySignedOff,
  GradeSummarySignOffsVoided,
  GradingPolicyPublished,
  MonthlyFiguresRecorded,
  ScoreOverridden,
} from './events.js';

export * from './commands.js';
export * from './consequences.js';
export * from './creditLimit.js';
export * from './defaultPolicy.js';
export * from './errors.js';
export * from './evaluation.js';
export * from './evaluationResult.js';
export * from './events.js';
export * from './figuresDecider.js';
export { ungradable } from './gradable.js';
export { gradeFor, lowestScoreOf } from './grades.js';
export * from './inputs.js';
export { figurePeriodsOf, incidentsPeriodOf, latestByPeriod } from './measures.js';
export * from './periodDecider.js';
export { type PeriodState, type SignOff, initialPeriodState, periodPolicyVersion } from './periodState.js';
export * from './policy.js';
export * from './policyDecider.js';
export * from './policyValidation.js';
export * from './score.js';
export { signOffRoles } from './signOff.js';
export * from './simulation.js';
export * from './streams.js';

export const gradingEventTypes: readonly EventType[] = [
  eventType('GradingPolicyPublished', GradingPolicyPublished.shape.data),
  eventType('MonthlyFiguresRecorded', MonthlyFiguresRecorded.shape.data),
  eventType('CustomerGraded', CustomerGraded.shape.data),
  eventType('ScoreOverridden', ScoreOverridden.shape.data),
  eventType('GradeSummarySignedOff', GradeSummarySignedOff.shape.data),
  eventType('GradeSummarySignOffsVoided', GradeSummarySignOffsVoided.shape.data),
  eventType('GradeSummaryNoteWritten', GradeSummaryNoteWritten.shape.data),
];
