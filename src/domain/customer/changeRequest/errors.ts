import type { DomainError, ReasonRequired, RoleNotAllowed } from '../../shared/index.js';
import type { ArchiveInconsistent, CustomerNotFound } from '../errors.js';

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
  | DomainError<'ApproverIsRequester'>;
