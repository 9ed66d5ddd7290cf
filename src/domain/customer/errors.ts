import type { DomainError, ReasonRequired, RoleNotAllowed } from '../shared/index.js';

export type CustomerError =
  | ReasonRequired
  | RoleNotAllowed
  | CustomerNotFound
  | DomainError<'CustomerAlreadyRegistered'>
  | DomainError<'ContactNotFound'>
  | DomainError<'ContactAlreadyExists'>
  | ArchiveInconsistent
  | DomainError<'StatusTransitionNotAllowed'>
  | DomainError<'ViolationInTheFuture'>
  | DomainError<'ValidityNotExtended'>
  | DomainError<'ArchiveNotReviewed'>
  | DomainError<'ApproverIsReviewer'>
  /** 审批 was given; the other decision waits for 核对与更改 and a new review. */
  | DomainError<'ArchiveAlreadyDecided'>;

export type CustomerNotFound = DomainError<'CustomerNotFound'>;

/** A change that would leave the archive contradicting itself (see decide/consistency.ts). */
export type ArchiveInconsistent =
  | DomainError<'OnePrimaryContact'>
  | DomainError<'CompanyTypeTextWithoutOther'>
  | DomainError<'NameHasBidiControl'>;

export const customerNotFound = (customerId: string): CustomerNotFound => ({
  code: 'CustomerNotFound',
  message: `there is no customer ${customerId}`,
});
