import type * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { CommandMeta, Decider, DomainEvent } from '../domain/shared/index.js';
import type { AppendResult, EventStore, StoreError } from './eventStore.js';

export type HandleOptions = {
  /** Evaluations may go without a written reason; every other change needs one. */
  reasonRequired?: boolean;
  correlationId?: string;
  causationId?: string;
  idempotencyKey?: string;
  /** Deterministic event ids (from an Idempotency-Key) make a client retry a no-op. */
  eventIds?: (index: number) => string;
};

/** What a handled command produced: the append, or nothing when `decide` saw a repeat. */
export type Handled = { result: AppendResult | null; events: DomainEvent[] };

/**
 * Load the stream, fold it, decide, append with the version it was read at. A
 * concurrent writer makes the append fail with a VersionConflict; the command is then
 * decided once more on the fresh state (it may now be refused, or be a no-op).
 */
export const handleCommand = <C extends { meta: CommandMeta }, S, Ev extends DomainEvent, Err>(
  store: EventStore,
  decider: Decider<C, S, Ev, Err>,
  streamId: string,
  command: C,
  options: HandleOptions = {},
): TE.TaskEither<Err | StoreError, Handled> => {
  const attempt = (retriesLeft: number): TE.TaskEither<Err | StoreError, Handled> =>
    pipe(
      store.readStream(streamId),
      TE.mapError((e): Err | StoreError => e),
      TE.flatMap((stored) => {
        const state = stored.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as Ev), decider.initialState);
        const version = stored.length === 0 ? 0 : stored[stored.length - 1]!.version;
        return pipe(
          TE.fromEither(decider.decide(command, state) as E.Either<Err | StoreError, Ev[]>),
          TE.flatMap((events) =>
            events.length === 0
              ? TE.right<Err | StoreError, Handled>({ result: null, events: [] })
              : pipe(
                  store.append(
                    streamId,
                    version === 0 ? 'noStream' : version,
                    events.map((e, i) => ({
                      id: options.eventIds?.(i),
                      type: e.type,
                      data: e.data,
                      occurredAt: command.meta.at,
                    })),
                    { metadata: toMetadata(command.meta, options), reasonRequired: options.reasonRequired ?? true },
                  ),
                  TE.map((result): Handled => ({ result, events })),
                ),
          ),
        );
      }),
      TE.orElse((error) =>
        isVersionConflict(error) && retriesLeft > 0 ? attempt(retriesLeft - 1) : TE.left(error),
      ),
    );
  return attempt(1);
};

export const toMetadata = (meta: CommandMeta, options: HandleOptions = {}) => ({
  actor: meta.actor,
  reason: meta.reason?.trim() || undefined,
  correlationId: options.correlationId,
  causationId: options.causationId,
  idempotencyKey: options.idempotencyKey,
});

export const isVersionConflict = (e: unknown): e is Extract<StoreError, { code: 'VersionConflict' }> =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'VersionConflict';
