import type * as TE from 'fp-ts/TaskEither';
import type { z } from 'zod';
import type { RegisterCustomerData } from '../../domain/customer/index.js';
import { type Changed, type CustomerAppError, type CustomerDeps, type UseCaseInput, runCustomerCommand } from './runCustomerCommand.js';

/** The command's data before defaults: `status` may be left out (a prospect, 潜在客户). */
export type RegisterCustomerInput = z.input<typeof RegisterCustomerData> & UseCaseInput;

/**
 * 建立客户档案: the customer's stream starts, and its name is reserved in the same
 * atomic append: of two registrations of one name, only one succeeds
 * (the other answers CustomerNameTaken). `customerId` comes from the caller.
 */
export const registerCustomer =
  (deps: CustomerDeps) =>
  ({ meta, expectedVersion, options, ...data }: RegisterCustomerInput): TE.TaskEither<CustomerAppError, Changed> =>
    runCustomerCommand(deps)(
      { type: 'RegisterCustomer', data: { ...data, status: data.status ?? 'prospect' }, meta },
      { expectedVersion, options },
    );
