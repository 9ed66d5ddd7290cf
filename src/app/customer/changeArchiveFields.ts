import type * as TE from 'fp-ts/TaskEither';
import type { ChangeArchiveFieldsData } from '../../domain/customer/index.js';
import { type Changed, type CustomerAppError, type CustomerDeps, type UseCaseInput, runCustomerCommand } from './runCustomerCommand.js';

/** The archive clerk's direct change (PATCH /customers/{id}); a rename moves the name reservation. */
export const changeArchiveFields =
  (deps: CustomerDeps) =>
  ({ meta, expectedVersion, options, ...data }: ChangeArchiveFieldsData & UseCaseInput): TE.TaskEither<CustomerAppError, Changed> =>
    runCustomerCommand(deps)({ type: 'ChangeArchiveFields', data, meta }, { expectedVersion, options });
