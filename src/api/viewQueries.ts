import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import { type At, ProjectionQueryError } from '../projections/index.js';
import { isUnavailable } from '../store/index.js';
import { type ApiError, requestInvalid } from './errors.js';
import { resolveTimeTravel, type TimeTravel, type TimeTravelQuery } from './params.js';

/**
 * A read model's refusal as the problem it is: a view still being built, or a database
 * that cannot be reached, is a 503 to retry; anything else is not a refusal (a bug).
 */
const queryRefusal = (error: unknown): ApiError | undefined => {
  if (!(error instanceof ProjectionQueryError)) {
    return isUnavailable(error) ? { code: 'StoreUnavailable', message: `the read models cannot be reached: ${(error as Error).message}` } : undefined;
  }
  switch (error.code) {
    case 'ProjectionNotReady':
      return { code: 'StoreUnavailable', message: error.message };
    case 'InvalidCursor':
      return requestInvalid([{ path: 'query.cursor', message: error.message }]);
    case 'InvalidTimePoint':
      return requestInvalid([{ path: 'query', message: error.message }]);
  }
};

/** A read model's answer; a bug is thrown on, to be logged and answered 500. */
export const fromQuery =
  <A>(query: () => Promise<A>): TE.TaskEither<ApiError, A> =>
  async () => {
    try {
      return E.right(await query());
    } catch (error) {
      const refusal = queryRefusal(error);
      if (refusal === undefined) throw error;
      return E.left(refusal);
    }
  };

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
