import type { DomainError, ReasonRequired, RoleNotAllowed } from '../../shared/index.js';
import type { ArchiveInconsistent, CustomerError, CustomerNotFound } from '../errors.js';

export type ChangeRequestError =
  | ReasonRequired
  | RoleNotAllowed
  | CustomerNotFound
  | DomainError<'ChangeRequestNotFound'>
  | DomainError<'ChangeRequestAlreadyExists'>
  | DomainError<'ChangeRequestChangesNothing'>
  | DomainError<'ChangeRequestAlreadyDecided'>
  | DomainError<'ChangeRequestIsStale'>
  | ArchiveInconsistent
  | DomainError<'ApproverIsRequester'>
  // a proposed status, salesperson, validity or contact refused by the clerk's own command's rules
  | CustomerError;
