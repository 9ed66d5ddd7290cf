import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { CommandMeta, DomainEvent } from '../../domain/shared/index.js';
import { toMetadata } from '../../store/commandHandler.js';
import { type AppendResult, type EventStore, type HandleOptions, type StoreError, isVersionConflict } from '../../store/index.js';

export type Loaded<S> = { state: S; version: number };

/** A stream folded into its decider's state, with the version it was read at. */
export const loadStream = <S, Ev>(
  store: EventStore,
  streamId: string,
  evolve: (s: S, e: Ev) => S,
  initialState: S,
): TE.TaskEither<StoreError, Loaded<S>> =>
  pipe(
    store.readStream(streamId),
    TE.map((events) => ({
      state: events.reduce((s, e) => evolve(s, { type: e.type, data: e.data } as Ev), initialState),
      version: events.at(-1)?.version ?? 0,
    })),
  );

/** An If-Match that no longer names the current version: the client decided on a stale view. */
export const checkExpectedVersion = (streamId: string, expected: number | undefined, actual: number): TE.TaskEither<StoreError, void> =>
  expected === undefined || expected === actual
    ? TE.right(undefined)
    : TE.left({ code: 'VersionConflict', message: `${streamId} is at version ${actual}, not ${expected}: reload and decide again`, streamId, expected, actual });

export type StreamWritePlan = { streamId: string; version: number; events: readonly DomainEvent[] };

/**
 * Appends every stream that has new events in one transaction, each at the version it
 * was read at: all or nothing. Event ids from `options.eventIds` run across streams.
 */
export const appendPlans = (
  store: EventStore,
  plans: readonly StreamWritePlan[],
  meta: CommandMeta,
  options: HandleOptions,
): TE.TaskEither<StoreError, AppendResult[]> => {
  let index = 0;
  const writes = plans
    .filter((p) => p.events.length > 0)
    .map((p) => ({
      streamId: p.streamId,
      expectedVersion: p.version === 0 ? ('noStream' as const) : p.version,
      events: p.events.map((e) => ({ id: options.eventIds?.(index++), type: e.type, data: e.data, occurredAt: meta.at })),
    }));
  return writes.length === 0
    ? TE.right([])
    : store.appendMany(writes, { metadata: toMetadata(meta, options), reasonRequired: options.reasonRequired ?? true });
};

/**
 * Runs a read-decide-append attempt, and once more on a version conflict: a concurrent
 * writer got there first, and deciding on the fresh state may now refuse or repeat.
 */
export const retryOnConflict = <Err, A>(attempt: () => TE.TaskEither<Err | StoreError, A>): TE.TaskEither<Err | StoreError, A> =>
  pipe(
    attempt(),
    TE.orElse((error) => (isVersionConflict(error) ? attempt() : TE.left(error))),
  );
