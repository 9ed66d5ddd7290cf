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
  decideCustomerCredit,
  defaultCreditRouting,
  evolveCustomerCredit,
  initialCustomerCreditState,
} from '../../domain/credit/index.js';
import type { DomainEvent } from '../../domain/shared/index.js';
import { appendPlans, checkExpectedVersion, type HandleOptions, loadStream, retryOnConflict } from '../../store/index.js';
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
    const decider = creditRequestDecider(deps.routing ?? defaultCreditRouting);
    const requestId = command.data.requestId;
    const requestStream = creditRequestStreamId(requestId);
    const closeLock = (before: CreditRequestState, after: CreditRequestState): TE.TaskEither<CreditAppError, { streamId: string; version: number; events: DomainEvent[] }[]> => {
      const outcome = outcomeOf(after);
      if (before.status !== 'pending' || outcome === null) return TE.right([]);
      const { customerId } = before.request;
      const streamId = customerCreditStreamId(customerId);
      return pipe(
        loadStream(deps.store, streamId, { evolve: evolveCustomerCredit, initialState: initialCustomerCreditState }),
        TE.flatMap((lock) =>
          pipe(
            TE.fromEither(decideCustomerCredit({ type: 'CloseCreditRequest', data: { customerId, requestId, outcome }, meta: command.meta }, lock.state)),
            TE.map((events) => [{ streamId, version: lock.version, events }]),
          ),
        ),
      );
    };
    const attempt = () =>
      pipe(
        loadStream(deps.store, requestStream, decider),
        TE.tap((request) => checkExpectedVersion(requestStream, input.expectedVersion, request.version)),
        TE.bindTo('request'),
        TE.bindW('events', ({ request }) => TE.fromEither(decider.decide(command, request.state))),
        TE.let('after', ({ request, events }) => events.reduce(decider.evolve, request.state)),
        TE.bindW('lockWrites', ({ request, after }) => closeLock(request.state, after)),
        TE.tap(({ request, events, lockWrites }) =>
          appendPlans(deps.store, [{ streamId: requestStream, version: request.version, events }, ...lockWrites], command.meta, input.options ?? {}),
        ),
        TE.map(({ request, events, after }) => changed(requestId, after, request.version + events.length)),
      );
    return retryOnConflict<CreditAppError, CreditRequestChanged>(attempt);
  };
