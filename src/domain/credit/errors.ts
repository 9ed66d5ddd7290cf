import type { DomainError, ReasonRequired, RoleNotAllowed } from '../shared/index.js';
import type { NoRoutingRule } from './routing.js';

export type RequestNotFound = DomainError<'RequestNotFound'>;
export type RequestAlreadyExists = DomainError<'RequestAlreadyExists'>;
export type LimitUnchanged = DomainError<'LimitUnchanged'>;
export type RequestNotPending = DomainError<'RequestNotPending'>;
export type ApproverIsRequester = DomainError<'ApproverIsRequester'>;
export type ApproverAlreadyDecided = DomainError<'ApproverAlreadyDecided'>;
export type NotTheRequester = DomainError<'NotTheRequester'>;
export type PendingRequestExists = DomainError<'PendingRequestExists'>;

export type CreditRequestError =
  | ReasonRequired
  | RoleNotAllowed
  | NoRoutingRule
  | RequestNotFound
  | RequestAlreadyExists
  | LimitUnchanged
  | RequestNotPending
  | ApproverIsRequester
  | ApproverAlreadyDecided
  | NotTheRequester;

export type CustomerCreditError = PendingRequestExists;

export type CreditError = CreditRequestError | CustomerCreditError;
