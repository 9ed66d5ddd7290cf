import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  type ChangeRequest,
  type RegisteredCustomer,
  changeRequestDecider,
  changeRequestStreamId,
  customerDecider,
  customerStreamId,
} from '../../domain/customer/index.js';
import { loadStream, type ReadStreamOptions, type StoreError } from '../../store/index.js';
import type { CustomerDeps } from './runCustomerCommand.js';

export type Cut = Pick<ReadStreamOptions, 'asOf' | 'knownAt'>;

/** One customer's archive folded from its own stream (optionally as of / as known at a time); null if none. */
export const readCustomerArchive =
  (deps: CustomerDeps) =>
  (customerId: string, cut: Cut = {}): TE.TaskEither<StoreError, { customer: RegisteredCustomer; version: number } | null> =>
    pipe(
      loadStream(deps.store, customerStreamId(customerId), customerDecider, cut),
      TE.map(({ state, version }) => (state.status === 'unregistered' ? null : { customer: state, version })),
    );

/** One 修改申请 as its own stream tells it; null if none. */
export const readChangeRequest =
  (deps: CustomerDeps) =>
  (requestId: string, cut: Cut = {}): TE.TaskEither<StoreError, { request: Exclude<ChangeRequest, { status: 'none' }>; version: number } | null> =>
    pipe(
      loadStream(deps.store, changeRequestStreamId(requestId), changeRequestDecider, cut),
      TE.map(({ state, version }) => (state.request.status === 'none' ? null : { request: state.request, version })),
    );
