import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  type CreditApproverRole,
  type CreditRequest,
  type CreditRequestEvent,
  creditRequestStreamId,
  decisionsOf,
  evolveCreditRequest,
  initialCreditRequestState,
} from '../../domain/credit/index.js';
import type { EventStore, ReadStreamOptions, StoreError } from '../../store/index.js';

/** The request as `GET /credit-requests/{id}` shows it: the form, its status and every decision. */
export type CreditRequestView = CreditRequest & {
  id: string;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  decisions: ReturnType<typeof decisionsOf>;
  nextStep: CreditApproverRole | null;
  effectiveAt: string | null;
  withdrawnAt: string | null;
  version: number;
};

/** Reads the request's own stream (optionally cut at `asOf` / `knownAt`); null when there is none. */
export const getCreditRequest =
  (deps: { store: EventStore }) =>
  (requestId: string, cut: Pick<ReadStreamOptions, 'asOf' | 'knownAt'> = {}): TE.TaskEither<StoreError, CreditRequestView | null> =>
    pipe(
      deps.store.readStream(creditRequestStreamId(requestId), cut),
      TE.map((stored) => {
        const state = stored.reduce((s, e) => evolveCreditRequest(s, { type: e.type, data: e.data } as CreditRequestEvent), initialCreditRequestState);
        if (state.status === 'notRequested') return null;
        return {
          ...state.request,
          id: requestId,
          status: state.status,
          decisions: decisionsOf(state),
          nextStep: state.status === 'pending' ? state.request.requiredSteps[state.approvals.length]! : null,
          effectiveAt: state.status === 'approved' ? state.effectiveAt : null,
          withdrawnAt: state.status === 'withdrawn' ? state.withdrawnAt : null,
          version: stored.at(-1)?.version ?? 0,
        };
      }),
    );
