import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { type CreditRequestEvent, creditRequestStreamId, evolveCreditRequest, initialCreditRequestState } from '../../domain/credit/index.js';
import { type CreditRequestView, creditRequestEventTypes, creditRequestViewOf } from '../../projections/index.js';
import { type EventStore, type ReadStreamOptions, type StoreError, narrowEvents } from '../../store/index.js';

const creditRequestEvent = narrowEvents<CreditRequestEvent>('credit request stream', creditRequestEventTypes);

/**
 * Reads the request's own stream (optionally cut at `asOf` / `knownAt`), shown as the
 * read model shows it (exact version for the ETag); null when there is none.
 */
export const getCreditRequest =
  (deps: { store: EventStore }) =>
  (requestId: string, cut: Pick<ReadStreamOptions, 'asOf' | 'knownAt'> = {}): TE.TaskEither<StoreError, CreditRequestView | null> =>
    pipe(
      deps.store.readStream(creditRequestStreamId(requestId), cut),
      TE.map((stored) =>
        creditRequestViewOf(
          requestId,
          stored.map(creditRequestEvent).reduce(evolveCreditRequest, initialCreditRequestState),
          stored.at(-1)?.version ?? 0,
        ),
      ),
    );

/** The request stream's version: what If-Match on a request compares with. */
export const creditRequestVersion =
  (deps: { store: EventStore }) =>
  (requestId: string): TE.TaskEither<StoreError, number> =>
    deps.store.streamVersion(creditRequestStreamId(requestId));
