import type { ComplaintError } from '../domain/complaint/index.js';
import type { CreditError } from '../domain/credit/index.js';
import type { ChangeRequestError, CustomerError, CustomerNameTaken } from '../domain/customer/index.js';
import type { FiguresError, PeriodError, PolicyError } from '../domain/grading/index.js';
import type { DomainError } from '../domain/shared/index.js';
import type { StaffError } from '../domain/staff/index.js';
import type { StoreError } from '../store/index.js';

/** Refusals a use case makes itself, before any decider runs. */
export type UseCaseRefusal =
  /** A complaint dated later than the moment it is recorded. */
  | DomainError<'ReceivedInTheFuture'>
  /** The customers to grade could not be read (a read model's fault, not the request's). */
  | DomainError<'GradingInputsUnavailable'>
  /** A period graded under a policy version the policy stream does not hold. */
  | DomainError<'PolicyVersionNotFound'>
  /** An evidence bundle needs a signed checkpoint to prove against, and the log must extend it. */
  | DomainError<'NoSignedCheckpoint'>
  | DomainError<'LogNotConsistentWithCheckpoint'>;

/** Every refusal a context's rules or its use cases can answer: one union, so that each code is mapped once (api/problemTypes.ts). */
export type AppRefusal =
  | CustomerError
  | CustomerNameTaken
  | ChangeRequestError
  | CreditError
  | ComplaintError
  | PolicyError
  | FiguresError
  | PeriodError
  | StaffError
  | UseCaseRefusal;

export type AppRefusalCode = AppRefusal['code'];

/** What a use case can fail with: a refusal, or the store's own error. */
export type AppError = AppRefusal | StoreError;
