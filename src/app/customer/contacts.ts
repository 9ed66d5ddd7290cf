import type * as TE from 'fp-ts/TaskEither';
import type { AddContactData, ChangeContactData, RemoveContactData } from '../../domain/customer/index.js';
import { type Changed, type CustomerAppError, type CustomerDeps, type UseCaseInput, runCustomerCommand } from './runCustomerCommand.js';

/** 联系信息: the new contact's id comes from the caller. */
export const addContact =
  (deps: CustomerDeps) =>
  ({ meta, expectedVersion, options, ...data }: AddContactData & UseCaseInput): TE.TaskEither<CustomerAppError, Changed> =>
    runCustomerCommand(deps)({ type: 'AddContact', data, meta }, { expectedVersion, options });

export const changeContact =
  (deps: CustomerDeps) =>
  ({ meta, expectedVersion, options, ...data }: ChangeContactData & UseCaseInput): TE.TaskEither<CustomerAppError, Changed> =>
    runCustomerCommand(deps)({ type: 'ChangeContact', data, meta }, { expectedVersion, options });

/** The contact leaves the archive by an event; its history stays. */
export const removeContact =
  (deps: CustomerDeps) =>
  ({ meta, expectedVersion, options, ...data }: RemoveContactData & UseCaseInput): TE.TaskEither<CustomerAppError, Changed> =>
    runCustomerCommand(deps)({ type: 'RemoveContact', data, meta }, { expectedVersion, options });
