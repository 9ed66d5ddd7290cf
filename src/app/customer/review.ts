import type * as TE from 'fp-ts/TaskEither';
import type { ApproveArchiveData, RenewValidityData, ReviewArchiveData } from '../../domain/customer/index.js';
import { type Changed, type CustomerAppError, type CustomerDeps, type UseCaseInput, runCustomerCommand } from './runCustomerCommand.js';

/** 有效期: moves the end of the archive's validity later. */
export const renewValidity =
  (deps: CustomerDeps) =>
  ({ meta, expectedVersion, options, ...data }: RenewValidityData & UseCaseInput): TE.TaskEither<CustomerAppError, Changed> =>
    runCustomerCommand(deps)({ type: 'RenewValidity', data, meta }, { expectedVersion, options });

/** 客户评审小组 reviews the archive. */
export const reviewArchive =
  (deps: CustomerDeps) =>
  ({ meta, expectedVersion, options, ...data }: ReviewArchiveData & UseCaseInput): TE.TaskEither<CustomerAppError, Changed> =>
    runCustomerCommand(deps)({ type: 'ReviewArchive', data, meta }, { expectedVersion, options });

/** 集团总经理 approves the reviewed archive. */
export const approveArchive =
  (deps: CustomerDeps) =>
  ({ meta, expectedVersion, options, ...data }: ApproveArchiveData & UseCaseInput): TE.TaskEither<CustomerAppError, Changed> =>
    runCustomerCommand(deps)({ type: 'ApproveArchive', data, meta }, { expectedVersion, options });
