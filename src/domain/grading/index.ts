import { type EventType, eventType } from '../shared/index.js';
import {
  CustomerGraded,
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
export { gradeFor, lowestScoreOf } from './grades.js';
export * from './inputs.js';
export { figurePeriodsOf, incidentsPeriodOf, latestByPeriod } from './measures.js';
export * from './periodDecider.js';
export { type PeriodState, type SignOff, initialPeriodState } from './periodState.js';
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
];
