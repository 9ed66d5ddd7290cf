import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  type CustomerCommand,
  type CustomerError,
  type CustomerNameTaken,
  customerDecider,
  customerStreamId,
} from '../../domain/customer/index.js';
import type { CommandMeta } from '../../domain/shared/index.js';
import { appendPlans, checkExpectedVersion, type EventStore, type HandleOptions, loadStream, retryOnConflict, type StoreError } from '../../store/index.js';
import { nameReservationPlans } from './nameReservations.js';

export type CustomerDeps = { store: EventStore };

export type CustomerAppError = CustomerError | CustomerNameTaken | StoreError;

/** What every use case takes besides its data: the acting user and time, If-Match, idempotency. */
export type UseCaseInput = {
  meta: CommandMeta;
  /** The customer's version the client saw (If-Match); a newer one answers VersionConflict. */
  expectedVersion?: number | undefined;
  options?: HandleOptions | undefined;
};

/** The aggregate's id and its version after the command (unchanged when it was a no-op). */
export type Changed = { id: string; version: number };

/**
 * Load the customer, decide, and append its events together with whatever name
 * reservations the change implies, in one atomic write; once more on a conflict.
 */
export const runCustomerCommand =
  (deps: CustomerDeps) =>
  (command: CustomerCommand, input: Omit<UseCaseInput, 'meta'>): TE.TaskEither<CustomerAppError, Changed> => {
    const customerId = command.data.customerId;
    const streamId = customerStreamId(customerId);
    const options: HandleOptions = { reasonRequired: command.type !== 'AddEvaluation', ...input.options };
    const attempt = () =>
      pipe(
        loadStream(deps.store, streamId, customerDecider),
        TE.tap((customer) => checkExpectedVersion(streamId, input.expectedVersion, customer.version)),
        TE.bindTo('customer'),
        TE.bindW('events', ({ customer }) => TE.fromEither(customerDecider.decide(command, customer.state))),
        TE.bindW('names', ({ customer, events }) =>
          nameReservationPlans(deps.store, customerId, customer.state, events.reduce(customerDecider.evolve, customer.state)),
        ),
        TE.tap(({ customer, events, names }) =>
          appendPlans(deps.store, [{ streamId, version: customer.version, events }, ...names], command.meta, options),
        ),
        TE.map(({ customer, events }): Changed => ({ id: customerId, version: customer.version + events.length })),
      );
    return retryOnConflict<CustomerError | CustomerNameTaken, Changed>(attempt);
  };
