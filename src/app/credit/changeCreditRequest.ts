import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  type CreditApproverRole,
  type CreditRequestCommand,
  type CreditRequestOutcome,
  type CreditRequestState,
  creditRequestDecider,
  creditRequestStreamId,
  customerCreditStreamId,
  customerCreditDecider,
  defaultCreditRouting,
} from '../../domain/credit/index.js';
import { type HandleOptions, handleCommand, planOn, type StreamWritePlan } from '../../store/index.js';
import type { CreditAppError, CreditDeps } from './requestCreditLimitChange.js';

export type CreditRequestChanged = {
  id: string;
  status: CreditRequestOutcome | 'pending';
  /** The role whose decision is awaited; null once the request is closed. */
  nextStep: CreditApproverRole | null;
  version: number;
};

const outcomeOf = (state: CreditRequestState): CreditRequestOutcome | null =>
  state.status === 'approved' || state.status === 'rejected' || state.status === 'withdrawn' ? state.status : null;

const changed = (id: string, state: CreditRequestState, version: number): CreditRequestChanged => ({
  id,
  status: outcomeOf(state) ?? 'pending',
  nextStep: state.status === 'pending' ? state.request.requiredSteps[state.approvals.length]! : null,
  version,
});

/**
 * A decision or a withdrawal on an existing request. When it closes the request, the
 * customer's lock is released in the same append, so a new request may follow.
 */
export const changeCreditRequest =
  (deps: CreditDeps) =>
  (input: {
    command: Exclude<CreditRequestCommand, { type: 'RequestCreditLimitChange' }>;
    expectedVersion?: number | undefined;
    options?: HandleOptions | undefined;
  }): TE.TaskEither<CreditAppError, CreditRequestChanged> => {
    const { command } = input;
    const requestId = command.data.requestId;
    const releaseLock = (before: CreditRequestState, after: CreditRequestState): TE.TaskEither<CreditAppError, StreamWritePlan[]> => {
      const outcome = outcomeOf(after);
      if (before.status !== 'pending' || outcome === null) return TE.right([]);
      const { customerId } = before.request;
      return pipe(
        planOn(deps.store, customerCreditStreamId(customerId), customerCreditDecider, {
          type: 'CloseCreditRequest',
          data: { customerId, requestId, outcome },
          meta: command.meta,
        }),
        TE.map((plan) => [plan]),
      );
    };
    return pipe(
      handleCommand(
        deps.store,
        {
          streamId: creditRequestStreamId(requestId),
          decider: creditRequestDecider(deps.routing ?? defaultCreditRouting),
          command,
          derive: ({ loaded, after }) => releaseLock(loaded.state, after),
        },
        { ...input.options, expectedVersion: input.expectedVersion },
      ),
      TE.map(({ state, version }) => changed(requestId, state, version)),
    );
  };
