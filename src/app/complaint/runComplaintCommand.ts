import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  type ComplaintCommand,
  type ComplaintError,
  type ComplaintState,
  complaintDecider,
  complaintStreamId,
} from '../../domain/complaint/index.js';
import { type EventStore, type HandleOptions, type StoreError, handleCommand } from '../../store/index.js';

export type ComplaintAppError = ComplaintError | StoreError | { code: 'ReceivedInTheFuture'; message: string };

export type ComplaintChanged = { id: string; status: Exclude<ComplaintState['status'], 'notReceived'>; version: number };

/** Decide a complaint command on its stream (If-Match as `expectedVersion`) and answer where the complaint now stands. */
export const runComplaintCommand = (
  store: EventStore,
  command: ComplaintCommand,
  expectedVersion: number | undefined,
  options: HandleOptions,
): TE.TaskEither<ComplaintAppError, ComplaintChanged> =>
  pipe(
    handleCommand(
      store,
      { decider: complaintDecider, streamId: complaintStreamId(command.data.complaintId), command: command },
      { ...options, expectedVersion },
    ),
    TE.flatMap(({ state, version }) =>
      state.status === 'notReceived'
        ? TE.left<ComplaintAppError>({ code: 'ComplaintNotFound', message: `no complaint ${command.data.complaintId}` })
        : TE.right({ id: command.data.complaintId, status: state.status, version }),
    ),
  );
