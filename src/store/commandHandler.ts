import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { type CommandMeta, type Decider, type DomainEvent, type Evolver, foldEvents } from '../domain/shared/index.js';
import type { AppendResult, EventMetadata, EventStore, ReadStreamOptions, StoreError } from './eventStore.js';

export type HandleOptions = {
  /** Evaluations may go without a written reason; every other change needs one. */
  reasonRequired?: boolean;
  correlationId?: string;
  causationId?: string;
  idempotencyKey?: string;
  requestDigest?: string;
  /** Deterministic event ids (from an Idempotency-Key) make a client retry a no-op. */
  eventIds?: (index: number) => string;
};

export type Loaded<S> = { state: S; version: number };

/** A stream folded into its decider's state, with the version it was read at (optionally cut as of / as known at a time). */
export const loadStream = <S, Ev>(
  store: EventStore,
  streamId: string,
  evolver: Evolver<S, Ev>,
  cut: Pick<ReadStreamOptions, 'asOf' | 'knownAt'> = {},
): TE.TaskEither<StoreError, Loaded<S>> =>
  pipe(
    store.readStream(streamId, cut),
    TE.map((events) => ({
      state: foldEvents(
        evolver,
        events.map((e) => ({ type: e.type, data: e.data }) as Ev),
      ),
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
 * Not when the client named the version it decided on (If-Match): then the conflict is its answer.
 */
export const retryOnConflict = <Err, A>(
  attempt: () => TE.TaskEither<Err | StoreError, A>,
  expectedVersion?: number,
): TE.TaskEither<Err | StoreError, A> =>
  pipe(
    attempt(),
    TE.orElse((error) => (isVersionConflict(error) && expectedVersion === undefined ? attempt() : TE.left(error))),
  );

/** What a command did to its stream: the events it appended (none for a repeat), and the state and version after. */
export type Handled<S, Ev> = { events: Ev[]; state: S; version: number };

/**
 * Load the stream, check the client's expected version (If-Match), decide, append at
 * the version read; on a concurrent writer's conflict, once more on the fresh state.
 */
export const handleCommand = <C extends { meta: CommandMeta }, S, Ev extends DomainEvent, Err>(
  store: EventStore,
  decider: Decider<C, S, Ev, Err>,
  streamId: string,
  command: C,
  options: HandleOptions & { expectedVersion?: number | undefined } = {},
): TE.TaskEither<Err | StoreError, Handled<S, Ev>> =>
  retryOnConflict(
    () =>
      pipe(
        loadStream(store, streamId, decider),
        TE.tap(({ version }) => checkExpectedVersion(streamId, options.expectedVersion, version)),
        TE.bindW('events', ({ state }) => TE.fromEither(decider.decide(command, state))),
        TE.tap(({ version, events }) => appendPlans(store, [{ streamId, version, events }], command.meta, options)),
        TE.map(({ state, version, events }) => ({ events, state: foldEvents(decider, events, state), version: version + events.length })),
      ),
    options.expectedVersion,
  );

export const toMetadata = (meta: CommandMeta, options: HandleOptions = {}): EventMetadata => ({
  actor: meta.actor,
  reason: meta.reason?.trim() || undefined,
  correlationId: options.correlationId,
  causationId: options.causationId,
  idempotencyKey: options.idempotencyKey,
  requestDigest: options.requestDigest,
});

export const isVersionConflict = (e: unknown): e is Extract<StoreError, { code: 'VersionConflict' }> =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'VersionConflict';
