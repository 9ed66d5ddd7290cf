import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  type ChangeRequestCommand,
  type ChangeRequestDeciderEvent,
  type ChangeRequestError,
  type ChangeRequest,
  type CustomerEvent,
  type CustomerNameTaken,
  type CustomerState,
  type DecideChangeRequestData,
  type ProposeChangeData,
  changeRequestDecider,
  changeRequestStreamId,
  customerDecider,
  customerStreamId,
  isChangeRequestEvent,
} from '../../domain/customer/index.js';
import { appendPlans, checkExpectedVersion, type Loaded, loadStream, retryOnConflict, type StoreError } from '../../store/index.js';
import { nameReservationPlans } from './nameReservations.js';
import type { Changed, CustomerDeps, UseCaseInput } from './runCustomerCommand.js';

export type ChangeRequestAppError = ChangeRequestError | CustomerNameTaken | StoreError;

/** A decided request, with the customer's version after it (unchanged on a rejection). */
export type ChangeRequestDecided = Changed & { customerId: string; customerVersion: number };

type LoadedPair = { request: Loaded<ChangeRequest>; customer: Loaded<CustomerState> };

const loadCustomer = (deps: CustomerDeps, customerId: string) =>
  loadStream(deps.store, customerStreamId(customerId), customerDecider);

/** The request's own stream holds only request events, so its fold leaves the customer part untouched. */
const loadRequest = (deps: CustomerDeps, requestId: string): TE.TaskEither<StoreError, Loaded<ChangeRequest>> =>
  pipe(
    loadStream(deps.store, changeRequestStreamId(requestId), changeRequestDecider),
    TE.map(({ state, version }) => ({ state: state.request, version })),
  );

const decide = (command: ChangeRequestCommand, loaded: LoadedPair) =>
  TE.fromEither(changeRequestDecider.decide(command, { request: loaded.request.state, customer: loaded.customer.state }));

/**
 * 修改申请 (POST /customers/{id}/change-requests): someone other than the archive
 * clerk asks, in writing, for a change. It starts the request's own stream; the
 * archive is not touched until the archive clerk applies it.
 */
export const proposeChange =
  (deps: CustomerDeps) =>
  ({ meta, options, ...data }: ProposeChangeData & Omit<UseCaseInput, 'expectedVersion'>): TE.TaskEither<ChangeRequestAppError, Changed> => {
    const streamId = changeRequestStreamId(data.requestId);
    const attempt = () =>
      pipe(
        TE.Do,
        TE.bind('request', () => loadRequest(deps, data.requestId)),
        TE.bind('customer', () => loadCustomer(deps, data.customerId)),
        TE.bindW('events', (loaded) => decide({ type: 'ProposeChange', data, meta }, loaded)),
        TE.tap(({ request, events }) => appendPlans(deps.store, [{ streamId, version: request.version, events }], meta, options ?? {})),
        TE.map(({ request, events }): Changed => ({ id: data.requestId, version: request.version + events.length })),
      );
    return retryOnConflict<ChangeRequestError, Changed>(attempt);
  };

const splitByStream = (events: readonly ChangeRequestDeciderEvent[]) => ({
  requestEvents: events.filter(isChangeRequestEvent),
  customerEvents: events.filter((e): e is CustomerEvent => !isChangeRequestEvent(e)),
});

/**
 * POST /change-requests/{id}/decision: the archive clerk applies the request (its
 * change lands in the customer's stream, linked to the request, in the same atomic
 * append as the decision, with any name reservation a rename needs) or rejects it.
 * `expectedVersion` is the request's version (If-Match on the request).
 */
export const decideChangeRequest =
  (deps: CustomerDeps) =>
  ({ meta, expectedVersion, options, ...data }: DecideChangeRequestData & UseCaseInput): TE.TaskEither<ChangeRequestAppError, ChangeRequestDecided> => {
    const streamId = changeRequestStreamId(data.requestId);
    const attempt = () =>
      pipe(
        TE.Do,
        TE.bind('request', () => loadRequest(deps, data.requestId)),
        TE.tap(({ request }) => checkExpectedVersion(streamId, expectedVersion, request.version)),
        TE.bind('customer', ({ request }) =>
          request.state.status === 'none' ? TE.right({ state: customerDecider.initialState, version: 0 }) : loadCustomer(deps, request.state.customerId),
        ),
        TE.bindW('events', (loaded) => decide({ type: 'DecideChangeRequest', data, meta }, loaded)),
        TE.let('split', ({ events }) => splitByStream(events)),
        // A missing request was refused by `decide` above, so the id is always there from here on.
        TE.let('customerId', ({ request }) => (request.state.status === 'none' ? '' : request.state.customerId)),
        TE.bindW('names', ({ customer, split, customerId }) =>
          nameReservationPlans(deps.store, customerId, customer.state, split.customerEvents.reduce(customerDecider.evolve, customer.state)),
        ),
        TE.tap(({ request, customer, split, names, customerId }) =>
          appendPlans(
            deps.store,
            [
              { streamId, version: request.version, events: split.requestEvents },
              { streamId: customerStreamId(customerId), version: customer.version, events: split.customerEvents },
              ...names,
            ],
            meta,
            options ?? {},
          ),
        ),
        TE.map(({ request, customer, split, customerId }): ChangeRequestDecided => ({
          id: data.requestId,
          version: request.version + split.requestEvents.length,
          customerId,
          customerVersion: customer.version + split.customerEvents.length,
        })),
      );
    return retryOnConflict<ChangeRequestError | CustomerNameTaken, ChangeRequestDecided>(attempt);
  };
