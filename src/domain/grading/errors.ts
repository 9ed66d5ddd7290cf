import type { DomainError, ReasonRequired, RoleNotAllowed } from '../shared/index.js';
import type { PolicyProblem } from './policyValidation.js';

export type PolicyError = PolicyProblem | ReasonRequired | RoleNotAllowed;

export type FiguresError =
  | ReasonRequired
  | RoleNotAllowed
  /** 按期回款 cannot exceed what was due. */
  | DomainError<'PaidExceedsDue'>
  /** A month that has not begun has no figures yet. */
  | DomainError<'PeriodIsInTheFuture'>;

export type PeriodError =
  | PolicyProblem
  | ReasonRequired
  | RoleNotAllowed
  /** An approved summary (审批) is frozen: corrections go to later periods. */
  | DomainError<'PeriodIsFrozen'>
  | DomainError<'StepOutOfOrder'>
  /** No person signs two steps of one summary. */
  | DomainError<'SignerAlreadySigned'>
  | DomainError<'NothingToSignOff'>
  | DomainError<'CustomerListedTwice'>
  /** An override's inputs belong to another customer than the one overridden. */
  | DomainError<'CustomerMismatch'>
  /** A month is graded once it has begun, never ahead. */
  | DomainError<'PeriodHasNotBegun'>
  /** A period keeps the policy version it was first graded under, so it can be reproduced exactly. */
  | DomainError<'PeriodGradedUnderAnotherPolicy'>
  /** 备注 are written before 编制. */
  | DomainError<'SummaryAlreadyPrepared'>
  | DomainError<'CustomerNotInSummary'>;
