import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';

/** How long a command's answer waits for the projections before answering anyway. */
export const readYourWritesTimeoutMs = 2000;

/**
 * Read-your-writes: a command's answer waits (bounded) until the projections have
 * applied it, so the client's next report shows what it just did.
 */
export const afterProjections =
  (deps: { caughtUp?: (() => Promise<unknown>) | undefined }) =>
  <E, A>(command: TE.TaskEither<E, A>): TE.TaskEither<E, A> =>
    pipe(
      command,
      TE.tap(() => TE.fromTask(async () => void (await deps.caughtUp?.()))),
    );
