import type { AppRefusalCode } from '../app/errors.js';
import { assertNever } from '../domain/shared/index.js';

/**
 * Problem `type` URIs and the status of domain refusals.
 *
 * Every problem type is `https://customer-ledger.dev/problems/<code in kebab case>`:
 * the refusal's code (`PeriodIsFrozen` → `.../period-is-frozen`) under one base. The URIs are identifiers: clients compare them
 * and must not fetch them (RFC 9457 §3.1.1); the same name is in the `code` member.
 */
export const problemTypeBase = 'https://customer-ledger.dev/problems/';

const kebab = (code: string): string =>
  code
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();

export const problemType = (code: string): string => `${problemTypeBase}${kebab(code)}`;

/** `PeriodIsFrozen` → `Period is frozen`: a short, stable summary of the type. */
export const titleOf = (code: string): string => {
  const words = kebab(code).split('-');
  const sentence = words.join(' ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
};

/** The statuses a refusal answers: who may (403), what exists (404), state (409), input (422), the server's trouble (503). */
export type RefusalStatus = 403 | 404 | 409 | 422 | 503;

/**
 * The status of every refusal code, named one by one: a new code without a case here
 * fails the typecheck (`assertNever`), so no rule answers a status by accident.
 */
export const refusalStatus = (code: AppRefusalCode): RefusalStatus => {
  switch (code) {
    // Who may do it: the caller's post (岗位) or person may not.
    case 'RoleNotAllowed':
    case 'NotTheRequester': // only the requester withdraws a credit request
      return 403;
    case 'CustomerNotFound':
    case 'ContactNotFound':
    case 'ChangeRequestNotFound':
    case 'RequestNotFound':
    case 'ComplaintNotFound':
    case 'PolicyVersionNotFound':
      return 404;
    // Input the domain finds invalid whatever the state.
    case 'ReasonRequired': // 修改须书面提交: the written reason is missing
    case 'PaidExceedsDue': // credit paid on time cannot exceed the credit due
    case 'PeriodIsInTheFuture':
    case 'ViolationInTheFuture':
    case 'CompanyTypeTextWithoutOther': // 类型·其他 text beside a type that is not 其他
    case 'NameHasBidiControl': // a new customer name holding a bidirectional control (issue 12)
    case 'LimitUnchanged': // a credit request that proposes the current limit
    case 'ReceivedInTheFuture': // a complaint received later than now
      return 422;
    // The request conflicts with the state a rule protects.
    case 'CustomerAlreadyRegistered':
    case 'CustomerNameTaken':
    case 'ContactAlreadyExists':
    case 'OnePrimaryContact':
    case 'StatusTransitionNotAllowed':
    case 'ValidityNotExtended':
    case 'ArchiveNotReviewed':
    case 'ApproverIsReviewer':
    case 'ArchiveAlreadyDecided':
    case 'ChangeRequestAlreadyExists':
    case 'ChangeRequestChangesNothing':
    case 'ChangeRequestAlreadyDecided':
    case 'ChangeRequestIsStale':
    case 'ApproverIsRequester':
    case 'NoRoutingRule':
    case 'RequestAlreadyExists':
    case 'RequestNotPending':
    case 'ApproverAlreadyDecided':
    case 'PendingRequestExists':
    case 'ComplaintAlreadyReceived':
    case 'StepOutOfOrder':
    case 'PeriodIsFrozen':
    case 'SignerAlreadySigned':
    case 'NothingToSignOff':
    case 'CustomerListedTwice':
    case 'CustomerMismatch':
    case 'SummaryAlreadyPrepared':
    case 'CustomerNotInSummary':
    case 'PeriodHasNotBegun':
    case 'PeriodGradedUnderAnotherPolicy':
    case 'NoSignedCheckpoint':
    case 'LogNotConsistentWithCheckpoint':
    // A policy that contradicts itself (policyValidation.ts).
    case 'BandIsEmpty':
    case 'BandsLeaveGap':
    case 'BandsOverlap':
    case 'GradeFallsAsScoreRises':
    case 'CoefficientIsNegative':
    case 'WeightsDoNotSumTo100':
    case 'ThresholdsNotAscending':
    case 'FactorOutOfRange':
    case 'CriterionIdRepeated':
    case 'FulfilmentDefaultOutOfRange':
      return 409;
    // The customers to grade could not be read (a view still building, a lost connection): retry.
    case 'GradingInputsUnavailable':
      return 503;
    default:
      return assertNever(code);
  }
};
