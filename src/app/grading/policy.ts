import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  type GradingPolicy,
  type PolicyState,
  type VersionedPolicy,
  builtInPolicies,
  builtInPolicy,
  gradingPeriodStreamId,
  gradingPolicyStreamId,
  periodDecider,
  periodPolicyVersion,
  policyDecider,
  policyVersion,
} from '../../domain/grading/index.js';
import type { DomainError, Period } from '../../domain/shared/index.js';
import { type StoreError, handleCommand, loadStream } from '../../store/index.js';
import type { CommandInput, GradingAppError, GradingDeps } from './deps.js';

const deciderOf = (deps: Pick<GradingDeps, 'basePolicy'>) =>
  deps.basePolicy === undefined ? policyDecider(builtInPolicy, builtInPolicies) : policyDecider(deps.basePolicy);

/** The policy in force (GET /grading/policy), with the stream version as its ETag. */
export type PolicyInForce = VersionedPolicy & { status: PolicyState['status']; streamVersion: number };

export const policyInForce =
  (deps: Pick<GradingDeps, 'store' | 'basePolicy'>) =>
  (): TE.TaskEither<StoreError, PolicyInForce> =>
    pipe(
      loadStream(deps.store, gradingPolicyStreamId, deciderOf(deps)),
      TE.map(({ state, version }) => ({ ...state.inForce, status: state.status, streamVersion: version })),
    );

export type PublishPolicyInput = CommandInput & { policy: GradingPolicy };

/**
 * PUT /grading/policy: a new version of the policy (bands, coefficients, scorecard,
 * windows) with its author and reason; the same policy again changes nothing.
 */
export const publishPolicy =
  (deps: Pick<GradingDeps, 'store' | 'basePolicy'>) =>
  (input: PublishPolicyInput): TE.TaskEither<GradingAppError, PolicyInForce & { published: boolean }> =>
    pipe(
      handleCommand(
        deps.store,
        {
          decider: deciderOf(deps),
          streamId: gradingPolicyStreamId,
          command: { type: 'PublishGradingPolicy', data: { policy: input.policy }, meta: input.meta },
        },
        { ...input.options, expectedVersion: input.expectedVersion },
      ),
      TE.map(({ state, version, events }) => ({ ...state.inForce, status: state.status, streamVersion: version, published: events.length > 0 })),
    );

/**
 * The policy a period is graded under: the version it was first graded under (so an
 * old period re-runs exactly as it was), else the one in force.
 */
export const policyForPeriod =
  (deps: Pick<GradingDeps, 'store' | 'basePolicy'>) =>
  (period: Period): TE.TaskEither<StoreError | DomainError<'PolicyVersionNotFound'>, VersionedPolicy> =>
    pipe(
      TE.Do,
      TE.bind('policies', () => loadStream(deps.store, gradingPolicyStreamId, deciderOf(deps))),
      TE.bind('graded', () => loadStream(deps.store, gradingPeriodStreamId(period), periodDecider)),
      TE.flatMapEither(({ policies: { state }, graded }) => {
        const recorded = periodPolicyVersion(graded.state);
        if (recorded === undefined) return E.right(state.inForce);
        const found = policyVersion(state, recorded);
        return found === undefined
          ? E.left({ code: 'PolicyVersionNotFound' as const, message: `${period} was graded under policy version ${recorded}, which this deployment does not hold` })
          : E.right(found);
      }),
    );
