import type * as TE from 'fp-ts/TaskEither';
import type { ChangeStatusData, ReassignSalespersonData } from '../../domain/customer/index.js';
import { type Changed, type CustomerAppError, type CustomerDeps, type UseCaseInput, runCustomerCommand } from './runCustomerCommand.js';

/**
 * 状态: becoming lost releases the customer's name; coming back from lost reserves
 * it again, and is refused (CustomerNameTaken) if another customer took it meanwhile.
 */
export const changeStatus =
  (deps: CustomerDeps) =>
  ({ meta, expectedVersion, options, ...data }: ChangeStatusData & UseCaseInput): TE.TaskEither<CustomerAppError, Changed> =>
    runCustomerCommand(deps)({ type: 'ChangeStatus', data, meta }, { expectedVersion, options });

/** 业务员: the customer passes to another salesperson. */
export const reassignSalesperson =
  (deps: CustomerDeps) =>
  ({ meta, expectedVersion, options, ...data }: ReassignSalespersonData & UseCaseInput): TE.TaskEither<CustomerAppError, Changed> =>
    runCustomerCommand(deps)({ type: 'ReassignSalesperson', data, meta }, { expectedVersion, options });
