import * as TE from 'fp-ts/TaskEither';
import { type At, ProjectionQueryError } from '../projections/index.js';
import type { StoreError } from '../store/index.js';
import { requestInvalid } from './errors.js';
import { resolveTimeTravel, type TimeTravel, type TimeTravelQuery } from './params.js';

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
 * A report's time point: `asOf` defaults to the request's clock; `knownAt` left out
 * means everything recorded (the read models' "known now"), and the answer says both.
 */
export const timePointOf = (query: TimeTravelQuery, now: Date): { at: At; cuts: TimeTravel } => ({
  at: { asOf: query.asOf ?? now.toISOString(), knownAt: query.knownAt },
  cuts: resolveTimeTravel(query, now),
});

/** A time-travelling answer is not the current version: it carries no ETag. */
export const isTimeTravel = (query: TimeTravelQuery): boolean => query.asOf !== undefined || query.knownAt !== undefined;
