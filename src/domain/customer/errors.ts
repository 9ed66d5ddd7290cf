import type { DomainError, ReasonRequired, RoleNotAllowed } from '../shared/index.js';

export type CustomerError =
  | ReasonRequired
  | RoleNotAllowed
  | CustomerNotFound
  | DomainError<'CustomerAlreadyRegistered'>
  | DomainError<'ContactNotFound'>
  | DomainError<'ContactAlreadyExists'>
  | DomainError<'StatusTransitionNotAllowed'>
  | DomainError<'ViolationInTheFuture'>
  | DomainError<'ValidityNotExtended'>
  | DomainError<'ArchiveNotReviewed'>
  | DomainError<'ApproverIsReviewer'>;

export type CustomerNotFound = DomainError<'CustomerNotFound'>;

export const customerNotFound = (customerId: string): CustomerNotFound => ({
  code: 'CustomerNotFound',
  message: `there is no customer ${customerId}`,
});
