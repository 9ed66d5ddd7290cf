import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  type ComplaintCommand,
  type ComplaintError,
  type ComplaintEvent,
  type ComplaintState,
  complaintDecider,
  complaintStreamId,
} from '../../domain/complaint/index.js';
import { toMetadata } from '../../store/commandHandler.js';
import { type EventStore, type HandleOptions, type StoreError, isVersionConflict } from '../../store/index.js';

export type ComplaintAppError = ComplaintError | StoreError | { code: 'ReceivedInTheFuture'; message: string };

export type ComplaintChanged = { id: string; status: Exclude<ComplaintState['status'], 'notReceived'>; version: number };

/**
 * Read the complaint, check the client's If-Match (`expectedVersion`), decide, append
 * at the version read; once more on a concurrent writer's conflict (the fresh state
 * may then refuse the step, or a stale If-Match fails).
 */
export const runComplaintCommand = (
  store: EventStore,
  command: ComplaintCommand,
  expectedVersion: number | undefined,
  options: HandleOptions,
): TE.TaskEither<ComplaintAppError, ComplaintChanged> => {
  const streamId = complaintStreamId(command.data.complaintId);
  const attempt = (): TE.TaskEither<ComplaintAppError, ComplaintChanged> =>
    pipe(
      store.readStream(streamId),
      TE.map((stored) => ({
        state: stored.reduce((s, e) => complaintDecider.evolve(s, { type: e.type, data: e.data } as ComplaintEvent), complaintDecider.initialState),
        version: stored.at(-1)?.version ?? 0,
      })),
      TE.tap(({ version }) =>
        expectedVersion === undefined || expectedVersion === version
          ? TE.right(undefined)
          : TE.left<StoreError>({ code: 'VersionConflict', message: `complaint is at version ${version}, expected ${expectedVersion}`, streamId, expected: expectedVersion, actual: version }),
      ),
      TE.bindW('events', ({ state }) => TE.fromEither(complaintDecider.decide(command, state))),
      TE.tap(({ version, events }) =>
        events.length === 0
          ? TE.right(undefined)
          : store.append(
              streamId,
              version === 0 ? 'noStream' : version,
              events.map((e, i) => ({ id: options.eventIds?.(i), type: e.type, data: e.data, occurredAt: command.meta.at })),
              { metadata: toMetadata(command.meta, options), reasonRequired: options.reasonRequired ?? true },
            ),
      ),
      TE.flatMap(({ state, version, events }) => {
        const after = events.reduce(complaintDecider.evolve, state);
        return after.status === 'notReceived'
          ? TE.left<ComplaintAppError>({ code: 'ComplaintNotFound', message: `no complaint ${command.data.complaintId}` })
          : TE.right({ id: command.data.complaintId, status: after.status, version: version + events.length });
      }),
    );
  return pipe(
    attempt(),
    TE.orElse((error) => (isVersionConflict(error) ? attempt() : TE.left(error))),
  );
};
