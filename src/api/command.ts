import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { ExpectedVersion, StoreError, StoredEvent } from '../store/index.js';
import type { ApiError } from './errors.js';
import { expectedVersion } from './etag.js';
import { afterProjections, type CaughtUp } from './readYourWrites.js';
import type { JsonReply } from './route.js';

/**
 * A command on one stream: If-Match (a number, or `*`: it must exist, checked against
 * `current`) → the use case with the version the client named → read-your-writes (the
 * projections have applied it before the answer goes out).
 */
export const onStream = <A>(
  deps: { caughtUp?: CaughtUp | undefined },
  ifMatch: ExpectedVersion | undefined,
  current: () => TE.TaskEither<StoreError, number>,
  run: (expected: number | undefined) => TE.TaskEither<ApiError, A>,
): TE.TaskEither<ApiError, A> =>
  pipe(
    expectedVersion(ifMatch, current),
    TE.flatMap(run),
    afterProjections(deps),
  );

/** The stream's new version, as the ETag too. */
export const changedReply = (status: number, version: number): JsonReply => ({ status, body: { version }, etag: version });

/** The one event a keyed command wrote on this stream, if it is of this type (else the key was another request's). */
export const singleEvent = (events: readonly StoredEvent[], streamId: string, type: string): StoredEvent | undefined => {
  const [event] = events;
  return events.length === 1 && event?.streamId === streamId && event.type === type ? event : undefined;
};
