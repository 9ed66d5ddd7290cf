import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  type CreditRouting,
  type RoutingPolicyError,
  type RoutingPolicyState,
  type VersionedRouting,
  builtInRouting,
  creditRoutingPolicyStreamId,
  routingPolicyDecider,
} from '../../domain/credit/index.js';
import type { CommandMeta } from '../../domain/shared/index.js';
import { type EventStore, type HandleOptions, type StoreError, handleCommand, loadStream } from '../../store/index.js';

type RoutingDeps = {
  store: EventStore;
  /** What is in force before any publication: the manual's four-level chain (version 0) when absent. */
  routing?: CreditRouting;
};

const deciderOf = (deps: RoutingDeps) => routingPolicyDecider(deps.routing === undefined ? builtInRouting : { version: 0, routing: deps.routing });

/** The routing policy in force (GET /credit/routing-policy), with the stream version as its ETag. */
export type RoutingInForce = VersionedRouting & { status: RoutingPolicyState['status']; streamVersion: number };

export const routingInForce =
  (deps: RoutingDeps) =>
  (): TE.TaskEither<StoreError, RoutingInForce> =>
    pipe(
      loadStream(deps.store, creditRoutingPolicyStreamId, deciderOf(deps)),
      TE.map(({ state, version }) => ({ ...state.inForce, status: state.status, streamVersion: version })),
    );

export type PublishRoutingInput = { routing: CreditRouting; meta: CommandMeta; expectedVersion?: number | undefined; options?: HandleOptions };

/** PUT /credit/routing-policy: a new version with its author and reason; the same rules again change nothing. */
export const publishRouting =
  (deps: RoutingDeps) =>
  (input: PublishRoutingInput): TE.TaskEither<RoutingPolicyError | StoreError, RoutingInForce & { published: boolean }> =>
    pipe(
      handleCommand(
        deps.store,
        {
          decider: deciderOf(deps),
          streamId: creditRoutingPolicyStreamId,
          command: { type: 'PublishCreditRouting', data: { routing: input.routing }, meta: input.meta },
        },
        { ...input.options, expectedVersion: input.expectedVersion },
      ),
      TE.map(({ state, version, events }) => ({ ...state.inForce, status: state.status, streamVersion: version, published: events.length > 0 })),
    );
