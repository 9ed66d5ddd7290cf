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

const loadCut = <S, Ev>(deps: CustomerDeps, streamId: string, evolve: (s: S, e: Ev) => S, initial: S, cut: Cut) =>
  cut.asOf === undefined && cut.knownAt === undefined
    ? loadStream(deps.store, streamId, evolve, initial)
    : pipe(
        deps.store.readStream(streamId, cut),
        TE.map((events) => ({
          state: events.reduce((s, e) => evolve(s, { type: e.type, data: e.data } as Ev), initial),
          version: events.at(-1)?.version ?? 0,
        })),
      );

/** One customer's archive folded from its own stream (optionally as of / as known at a time); null if none. */
export const readCustomerArchive =
  (deps: CustomerDeps) =>
  (customerId: string, cut: Cut = {}): TE.TaskEither<StoreError, { customer: RegisteredCustomer; version: number } | null> =>
    pipe(
      loadCut(deps, customerStreamId(customerId), customerDecider.evolve, customerDecider.initialState, cut),
      TE.map(({ state, version }) => (state.status === 'unregistered' ? null : { customer: state, version })),
    );

/** One 修改申请 as its own stream tells it; null if none. */
export const readChangeRequest =
  (deps: CustomerDeps) =>
  (requestId: string, cut: Cut = {}): TE.TaskEither<StoreError, { request: Exclude<ChangeRequest, { status: 'none' }>; version: number } | null> =>
    pipe(
      loadCut(deps, changeRequestStreamId(requestId), changeRequestDecider.evolve, changeRequestDecider.initialState, cut),
      TE.map(({ state, version }) => (state.request.status === 'none' ? null : { request: state.request, version })),
    );
