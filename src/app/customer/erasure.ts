import type * as TE from 'fp-ts/TaskEither';
import type { EraseContactData, EraseLegalRepresentativeData } from '../../domain/customer/index.js';
import { type Changed, type CustomerAppError, type CustomerDeps, type UseCaseInput, runCustomerCommand } from './runCustomerCommand.js';

/**
 * 个人信息删除: the erasure event and the destruction of the subject's keys commit
 * together (the store's trigger, migration 006); from then on every read shows 已删除.
 */
export const eraseContact =
  (deps: CustomerDeps) =>
  ({ meta, expectedVersion, options, ...data }: EraseContactData & UseCaseInput): TE.TaskEither<CustomerAppError, Changed> =>
    runCustomerCommand(deps)({ type: 'EraseContact', data, meta }, { expectedVersion, options });

export const eraseLegalRepresentative =
  (deps: CustomerDeps) =>
  ({ meta, expectedVersion, options, ...data }: EraseLegalRepresentativeData & UseCaseInput): TE.TaskEither<CustomerAppError, Changed> =>
    runCustomerCommand(deps)({ type: 'EraseLegalRepresentative', data, meta }, { expectedVersion, options });
