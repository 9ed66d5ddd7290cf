import type { DomainError, ReasonRequired, RoleNotAllowed } from '../shared/index.js';

export type ComplaintNotFound = DomainError<'ComplaintNotFound'>;
export type ComplaintAlreadyReceived = DomainError<'ComplaintAlreadyReceived'>;
export type StepOutOfOrder = DomainError<'StepOutOfOrder'> & { status: string; allowedSteps: readonly string[] };

export type ComplaintError = ReasonRequired | RoleNotAllowed | ComplaintNotFound | ComplaintAlreadyReceived | StepOutOfOrder;
