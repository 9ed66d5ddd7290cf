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
const checkExpectedVersion = (streamId: string, expected: number | undefined, actual: number): TE.TaskEither<StoreError, void> =>
  expected === undefined || expected === actual
    ? TE.right(undefined)
    : TE.left({ code: 'VersionConflict', message: `${streamId} is at version ${actual}, not ${expected}: reload and decide again`, streamId, expected, actual });

export type StreamWritePlan = { streamId: string; version: number; events: readonly DomainEvent[] };

/**
 * Appends every stream that has new events in one transaction, each at the version it
 * was read at: all or nothing. Event ids from `options.eventIds` run across streams.
 */
const appendPlans = (
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
const retryOnConflict = <Err, A>(
  attempt: () => TE.TaskEither<Err | StoreError, A>,
  expectedVersion?: number,
): TE.TaskEither<Err | StoreError, A> =>
  pipe(
    attempt(),
    TE.orElse((error) => (isVersionConflict(error) && expectedVersion === undefined ? attempt() : TE.left(error))),
  );

/**
 * A command a decision implies on another stream (a name reservation, the customer's
 * credit lock), decided there: its write, at the version that stream was read at.
 */
export const planOn = <C, S, Ev extends DomainEvent, Err>(
  store: EventStore,
  streamId: string,
  decider: Decider<C, S, Ev, Err>,
  command: C,
): TE.TaskEither<Err | StoreError, StreamWritePlan> =>
  pipe(
    loadStream(store, streamId, decider),
    TE.flatMap((loaded) =>
      pipe(
        TE.fromEither(decider.decide(command, loaded.state)),
        TE.map((events): StreamWritePlan => ({ streamId, version: loaded.version, events })),
      ),
    ),
  );

/** One attempt's decision: a write per stream, each at the version it was read at, and what the caller answers. */
export type Planned<R> = { plans: readonly StreamWritePlan[]; result: R };

export type WriteOptions = HandleOptions & {
  /** The version the client decided on (If-Match): a conflict is then answered, not retried. */
  expectedVersion?: number | undefined;
};

/**
 * The write every command ends in: plan (read, decide) → append every plan in one
 * transaction → on a concurrent writer's conflict, plan once more on the fresh state.
 */
export const writePlanned = <Err, R>(
  store: EventStore,
  plan: () => TE.TaskEither<Err | StoreError, Planned<R>>,
  meta: CommandMeta,
  options: WriteOptions = {},
): TE.TaskEither<Err | StoreError, R> =>
  retryOnConflict(
    () =>
      pipe(
        plan(),
        TE.tap(({ plans }) => appendPlans(store, plans, meta, options)),
        TE.map(({ result }) => result),
      ),
    options.expectedVersion,
  );

/** What the decider decided on its stream: the state it was read at, the events, and the state after them. */
export type Decided<S, Ev, L extends Loaded<S>> = { loaded: L; events: Ev[]; after: S };

/**
 * A command on its stream. `load` reads more than the stream when the decider decides
 * on more (its `version` is still the stream's: what If-Match names); `ownEvents` picks
 * the stream's share of the events when the decider decides for several; `derive`
 * plans the writes on other streams the decision implies (a name reservation, the
 * customer's credit lock), each at the version it read, so that all land together or none.
 */
export type CommandSpec<C, S, Ev, Err, L extends Loaded<S>, Extra> = {
  streamId: string;
  decider: Decider<C, S, Ev, Err>;
  command: C;
  load?: () => TE.TaskEither<StoreError, L>;
  ownEvents?: (events: readonly Ev[]) => Ev[];
  derive?: (decided: Decided<S, Ev, L>) => TE.TaskEither<Extra | StoreError, StreamWritePlan[]>;
};

/** What a command did: what it was decided on, every event it decided (none for a repeat), its stream's state and version after. */
export type Handled<S, Ev, L extends Loaded<S> = Loaded<S>> = { loaded: L; events: Ev[]; state: S; version: number };

/**
 * The one command handler: load the stream, check the client's expected version
 * (If-Match), decide, plan the writes it implies on other streams, append them all
 * at once; on a concurrent writer's conflict, once more on the fresh state.
 */
export const handleCommand = <C extends { meta: CommandMeta }, S, Ev extends DomainEvent, Err, L extends Loaded<S> = Loaded<S>, Extra = never>(
  store: EventStore,
  spec: CommandSpec<C, S, Ev, Err, L, Extra>,
  options: WriteOptions = {},
): TE.TaskEither<Err | Extra | StoreError, Handled<S, Ev, L>> => {
  const { streamId, decider, command } = spec;
  const load = spec.load ?? (() => loadStream(store, streamId, decider) as TE.TaskEither<StoreError, L>);
  return writePlanned(
    store,
    () =>
      pipe(
        load(),
        TE.tap(({ version }) => checkExpectedVersion(streamId, options.expectedVersion, version)),
        TE.bindTo('loaded'),
        TE.bindW('events', ({ loaded }) => TE.fromEither(decider.decide(command, loaded.state))),
        TE.let('after', ({ loaded, events }) => foldEvents(decider, events, loaded.state)),
        TE.bindW('derived', (decided) => spec.derive?.(decided) ?? TE.right<Extra | StoreError, StreamWritePlan[]>([])),
        TE.map(({ loaded, events, after, derived }): Planned<Handled<S, Ev, L>> => {
          const own = spec.ownEvents?.(events) ?? events;
          return {
            plans: [{ streamId, version: loaded.version, events: own }, ...derived],
            result: { loaded, events, state: after, version: loaded.version + own.length },
          };
        }),
      ),
    command.meta,
    options,
  );
};

export const toMetadata = (meta: CommandMeta, options: HandleOptions = {}): EventMetadata => ({
  actor: meta.actor,
  reason: meta.reason?.trim() || undefined,
  correlationId: options.correlationId,
  causationId: options.causationId,
  idempotencyKey: options.idempotencyKey,
  requestDigest: options.requestDigest,
});

const isVersionConflict = (e: unknown): e is Extract<StoreError, { code: 'VersionConflict' }> =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'VersionConflict';
