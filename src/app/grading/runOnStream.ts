import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { CommandMeta, Decider, DomainEvent } from '../../domain/shared/index.js';
import { toMetadata } from '../../store/commandHandler.js';
import { type EventStore, type HandleOptions, type StoreError, isVersionConflict } from '../../store/index.js';

/** What a command did to its stream: the events it appended (none for a repeat) and the state and version after. */
export type StreamOutcome<S, Ev> = { events: Ev[]; state: S; version: number };

/**
 * Read the stream, check the client's expected version (If-Match), decide, append at the
 * version read. On a concurrent writer's conflict, once more on the fresh state (which
 * may then refuse, be a no-op, or fail a stale expected version).
 */
export const runOnStream = <C extends { meta: CommandMeta }, S, Ev extends DomainEvent, Err>(
  store: EventStore,
  decider: Decider<C, S, Ev, Err>,
  streamId: string,
  command: C,
  expectedVersion: number | undefined,
  options: HandleOptions = {},
): TE.TaskEither<Err | StoreError, StreamOutcome<S, Ev>> => {
  const attempt = (): TE.TaskEither<Err | StoreError, StreamOutcome<S, Ev>> =>
    pipe(
      readOnStream(store, decider, streamId),
      TE.tap(({ version }) =>
        expectedVersion === undefined || expectedVersion === version
          ? TE.right(undefined)
          : TE.left<StoreError>({
              code: 'VersionConflict',
              message: `${streamId} is at version ${version}, the request expected ${expectedVersion}`,
              streamId,
              expected: expectedVersion,
              actual: version,
            }),
      ),
      TE.bindW('events', ({ state }) => TE.fromEither(decider.decide(command, state))),
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
      TE.map(({ state, version, events }) => ({ events, state: events.reduce(decider.evolve, state), version: version + events.length })),
    );
  return pipe(
    attempt(),
    TE.orElse((error) => (isVersionConflict(error) && expectedVersion === undefined ? attempt() : TE.left(error))),
  );
};

/** Fold a stream without deciding anything: the state and version a read answers with. */
export const readOnStream = <S, Ev extends DomainEvent>(
  store: EventStore,
  decider: { evolve: (s: S, e: Ev) => S; initialState: S },
  streamId: string,
): TE.TaskEither<StoreError, { state: S; version: number }> =>
  pipe(
    store.readStream(streamId),
    TE.map((stored) => ({
      state: stored.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as Ev), decider.initialState),
      version: stored.at(-1)?.version ?? 0,
    })),
  );
