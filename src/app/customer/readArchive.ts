import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  type ChangeRequest,
  type ChangeRequestEvent,
  type RegisteredCustomer,
  changeRequestDecider,
  changeRequestStreamId,
  customerDecider,
  customerStreamId,
} from '../../domain/customer/index.js';
import { loadStream, narrowEvents, type ReadStreamOptions, type StoreError } from '../../store/index.js';
import type { CustomerDeps } from './runCustomerCommand.js';

const changeRequestEvent = narrowEvents<ChangeRequestEvent>('change request stream', [
  'ChangeRequested',
  'ChangeRequestApplied',
  'ChangeRequestRejected',
]);

export type Cut = Pick<ReadStreamOptions, 'asOf' | 'knownAt'>;

/** One customer's archive folded from its own stream (optionally as of / as known at a time); null if none. */
export const readCustomerArchive =
  (deps: CustomerDeps) =>
  (customerId: string, cut: Cut = {}): TE.TaskEither<StoreError, { customer: RegisteredCustomer; version: number } | null> =>
    pipe(
      loadStream(deps.store, customerStreamId(customerId), customerDecider, cut),
      TE.map(({ state, version }) => (state.status === 'unregistered' ? null : { customer: state, version })),
    );

/** The customer stream's version: what If-Match on a customer compares with (0: no such customer). */
export const customerVersion =
  (deps: CustomerDeps) =>
  (customerId: string): TE.TaskEither<StoreError, number> =>
    deps.store.streamVersion(customerStreamId(customerId));

/** A 修改申请 as its stream tells it, with the written reasons of the proposal and of the decision. */
export type ChangeRequestRecord = {
  request: Exclude<ChangeRequest, { status: 'none' }>;
  version: number;
  reason: string | null;
  decisionReason: string | null;
};

/** One 修改申请 as its own stream tells it (optionally cut); null if none. */
export const readChangeRequest =
  (deps: CustomerDeps) =>
  (requestId: string, cut: Cut = {}): TE.TaskEither<StoreError, ChangeRequestRecord | null> =>
    pipe(
      deps.store.readStream(changeRequestStreamId(requestId), cut),
      TE.map((events) => {
        const { request } = events.map(changeRequestEvent).reduce(changeRequestDecider.evolve, changeRequestDecider.initialState);
        if (request.status === 'none') return null;
        const decision = events.find((e) => e.type === 'ChangeRequestApplied' || e.type === 'ChangeRequestRejected');
        return {
          request,
          version: events.at(-1)?.version ?? 0,
          reason: events[0]?.metadata.reason ?? null,
          decisionReason: decision?.metadata.reason ?? null,
        };
      }),
    );
