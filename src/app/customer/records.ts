import type * as TE from 'fp-ts/TaskEither';
import type { AddEvaluationData, RecordViolationData } from '../../domain/customer/index.js';
import { type Changed, type CustomerAppError, type CustomerDeps, type UseCaseInput, runCustomerCommand } from './runCustomerCommand.js';

/** 违规记录 (POST /customers/{id}/violations). */
export const recordViolation =
  (deps: CustomerDeps) =>
  ({ meta, expectedVersion, options, ...data }: RecordViolationData & UseCaseInput): TE.TaskEither<CustomerAppError, Changed> =>
    runCustomerCommand(deps)({ type: 'RecordViolation', data, meta }, { expectedVersion, options });

/** 客户评价 (POST /customers/{id}/evaluations): the evaluator is `meta.actor`; the reason may be absent. */
export const addEvaluation =
  (deps: CustomerDeps) =>
  ({ meta, expectedVersion, options, ...data }: AddEvaluationData & UseCaseInput): TE.TaskEither<CustomerAppError, Changed> =>
    runCustomerCommand(deps)({ type: 'AddEvaluation', data, meta }, { expectedVersion, options });
