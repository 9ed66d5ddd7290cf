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
import { type EventStore, type HandleOptions, handleCommand, type StoreError } from '../../store/index.js';
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
 * Decide on the customer's stream, and append its events together with whatever name
 * reservations the change implies, in one atomic write; once more on a conflict.
 */
export const runCustomerCommand =
  (deps: CustomerDeps) =>
  (command: CustomerCommand, input: Omit<UseCaseInput, 'meta'>): TE.TaskEither<CustomerAppError, Changed> => {
    const customerId = command.data.customerId;
    return pipe(
      handleCommand(
        deps.store,
        {
          streamId: customerStreamId(customerId),
          decider: customerDecider,
          command,
          derive: ({ loaded, after }) => nameReservationPlans(deps.store, customerId, loaded.state, after),
        },
        { reasonRequired: command.type !== 'AddEvaluation', ...input.options, expectedVersion: input.expectedVersion },
      ),
      TE.map(({ version }): Changed => ({ id: customerId, version })),
    );
  };
