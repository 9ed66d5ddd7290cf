import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { ProjectionQueryError, type At } from '../../../projections/index.js';
import type { ExpectedVersion, StoreError } from '../../../store/index.js';
import { checkIfMatch } from '../../etag.js';
import { type HttpError, requestInvalid } from '../../errors.js';
import { resolveTimeTravel, type TimeTravel, type TimeTravelQuery } from '../../params.js';
import type { GradingRouteDeps } from './deps.js';

/**
 * `If-Match` as the app services take it (the version the client read). `*` only asks
 * that the stream exist, which is checked here; the services then append at whatever
 * version they read.
 */
export const expectedVersion = (
  ifMatch: ExpectedVersion | undefined,
  current: () => TE.TaskEither<StoreError, number>,
): TE.TaskEither<HttpError | StoreError, number | undefined> => {
  if (ifMatch === undefined || ifMatch === 'any') return TE.right(undefined);
  if (typeof ifMatch === 'number') return TE.right(ifMatch);
  return pipe(
    current(),
    TE.flatMapEither((version): ReturnType<typeof checkIfMatch> => checkIfMatch(ifMatch, version)),
    TE.map(() => undefined),
  );
};

/**
 * Read-your-writes: a command's answer waits (bounded) until the projections have
 * applied it, so the client's next report shows what it just did.
 */
export const afterProjections =
  (deps: Pick<GradingRouteDeps, 'caughtUp'>) =>
  <E, A>(command: TE.TaskEither<E, A>): TE.TaskEither<E, A> =>
    pipe(
      command,
      TE.tap(() => TE.fromTask(async () => void (await deps.caughtUp?.()))),
    );

/** A read model's refusal as the problem it is: a view still being built is a 503 to retry, not a bug. */
const queryRefusal = (error: unknown): unknown => {
  if (!(error instanceof ProjectionQueryError)) return error;
  switch (error.code) {
    case 'ProjectionNotReady':
      return { code: 'StoreUnavailable', message: error.message } satisfies StoreError;
    case 'InvalidCursor':
      return requestInvalid([{ path: 'query.cursor', message: error.message }]);
    case 'InvalidTimePoint':
      return requestInvalid([{ path: 'query', message: error.message }]);
  }
};

export const fromQuery = <A>(query: () => Promise<A>): TE.TaskEither<unknown, A> => TE.tryCatch(query, queryRefusal);

/**
 * The customers to grade could not be read (a read model still building, a lost
 * connection): the server's trouble and worth a retry (503), not a rule refusing it.
 */
export const inputsUnavailableAsRetry = <E, A>(command: TE.TaskEither<E, A>): TE.TaskEither<E | StoreError, A> =>
  pipe(
    command,
    TE.mapError((e): E | StoreError =>
      typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'GradingInputsUnavailable'
        ? { code: 'StoreUnavailable', message: (e as { message?: string }).message ?? 'the customers to grade could not be read' }
        : e,
    ),
  );

/**
 * A report's time point: `asOf` defaults to the request's clock; `knownAt` left out
 * means everything recorded (the read models' "known now"), and the answer says both.
 */
export const timePointOf = (query: TimeTravelQuery, now: Date): { at: At; cuts: TimeTravel } => ({
  at: { asOf: query.asOf ?? now.toISOString(), knownAt: query.knownAt },
  cuts: resolveTimeTravel(query, now),
});

/** A time-travelling answer is not the current version: it carries no ETag. */
export const isTimeTravel = (query: TimeTravelQuery): boolean => query.asOf !== undefined || query.knownAt !== undefined;
