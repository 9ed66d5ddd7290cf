import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  type ChangeRequestDeciderEvent,
  type ChangeRequestError,
  type ChangeRequestState,
  type CustomerEvent,
  type CustomerNameTaken,
  type DecideChangeRequestData,
  type ProposeChangeData,
  changeRequestDecider,
  changeRequestStreamId,
  customerDecider,
  customerStreamId,
  isChangeRequestEvent,
} from '../../domain/customer/index.js';
import { handleCommand, type Loaded, loadStream, type StoreError } from '../../store/index.js';
import { nameReservationPlans } from './nameReservations.js';
import type { Changed, CustomerDeps, UseCaseInput } from './runCustomerCommand.js';

export type ChangeRequestAppError = ChangeRequestError | CustomerNameTaken | StoreError;

/** A decided request, with the customer's version after it (unchanged on a rejection). */
export type ChangeRequestDecided = Changed & { customerId: string; customerVersion: number };

/** The request with the customer it is about: `version` is the request's (what If-Match names), `customerVersion` the customer's. */
type LoadedPair = Loaded<ChangeRequestState> & { customerId: string; customerVersion: number };

/**
 * The request's own stream holds only request events, so its fold leaves the customer
 * part untouched; the customer (`customerId`, or the one the request names) is read beside it.
 */
const loadPair = (deps: CustomerDeps, requestId: string, customerId?: string): TE.TaskEither<StoreError, LoadedPair> =>
  pipe(
    TE.Do,
    TE.bind('request', () => loadStream(deps.store, changeRequestStreamId(requestId), changeRequestDecider)),
    TE.let('customerId', ({ request }) => customerId ?? (request.state.request.status === 'none' ? undefined : request.state.request.customerId)),
    TE.bind('customer', ({ customerId }) =>
      customerId === undefined ? TE.right({ state: customerDecider.initialState, version: 0 }) : loadStream(deps.store, customerStreamId(customerId), customerDecider),
    ),
    TE.map(({ request, customerId, customer }) => ({
      state: { request: request.state.request, customer: customer.state },
      version: request.version,
      // A missing request is refused by `decide`, so no write ever names the empty id.
      customerId: customerId ?? '',
      customerVersion: customer.version,
    })),
  );

const customerEvents = (events: readonly ChangeRequestDeciderEvent[]): CustomerEvent[] =>
  events.filter((e): e is CustomerEvent => !isChangeRequestEvent(e));

/**
 * 修改申请 (POST /customers/{id}/change-requests): someone other than the archive
 * clerk asks, in writing, for a change. It starts the request's own stream; the
 * archive is not touched until the archive clerk applies it.
 */
export const proposeChange =
  (deps: CustomerDeps) =>
  ({ meta, options, ...data }: ProposeChangeData & Omit<UseCaseInput, 'expectedVersion'>): TE.TaskEither<ChangeRequestAppError, Changed> =>
    pipe(
      handleCommand(
        deps.store,
        {
          streamId: changeRequestStreamId(data.requestId),
          decider: changeRequestDecider,
          command: { type: 'ProposeChange', data, meta },
          load: () => loadPair(deps, data.requestId, data.customerId),
        },
        options,
      ),
      TE.map(({ version }): Changed => ({ id: data.requestId, version })),
    );

/**
 * POST /change-requests/{id}/decision: the archive clerk applies the request (its
 * change lands in the customer's stream, linked to the request, in the same atomic
 * append as the decision, with any name reservation a rename needs) or rejects it.
 * `expectedVersion` is the request's version (If-Match on the request).
 */
export const decideChangeRequest =
  (deps: CustomerDeps) =>
  ({ meta, expectedVersion, options, ...data }: DecideChangeRequestData & UseCaseInput): TE.TaskEither<ChangeRequestAppError, ChangeRequestDecided> =>
    pipe(
      handleCommand(
        deps.store,
        {
          streamId: changeRequestStreamId(data.requestId),
          decider: changeRequestDecider,
          command: { type: 'DecideChangeRequest', data, meta },
          load: () => loadPair(deps, data.requestId),
          ownEvents: (events) => events.filter(isChangeRequestEvent),
          derive: ({ loaded, events, after }) =>
            pipe(
              nameReservationPlans(deps.store, loaded.customerId, loaded.state.customer, after.customer),
              TE.map((names) => [{ streamId: customerStreamId(loaded.customerId), version: loaded.customerVersion, events: customerEvents(events) }, ...names]),
            ),
        },
        { ...options, expectedVersion },
      ),
      TE.map(({ loaded, events, version }): ChangeRequestDecided => ({
        id: data.requestId,
        version,
        customerId: loaded.customerId,
        customerVersion: loaded.customerVersion + customerEvents(events).length,
      })),
    );
