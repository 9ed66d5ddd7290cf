import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { ProjectionEngine } from '../projections/index.js';
import { type Appended, trackAppends } from '../store/index.js';

/** How long a command's answer waits for the projections before answering anyway. */
export const readYourWritesTimeoutMs = 2000;

/** What the routes need of the projection engine. */
export type WaitsForViews = Pick<ProjectionEngine, 'waitForPosition'>;

/** Resolves once the views have applied what a command appended (bounded by the timeout). */
export type CaughtUp = (appended: Appended) => Promise<unknown>;

/**
 * The wait for a command's own appends: the greatest position it wrote, in the
 * projections that consume the types it wrote (the others' views are unchanged by it),
 * not the whole log in every projection.
 */
export const caughtUpWith =
  (engine: WaitsForViews): CaughtUp =>
  (appended) =>
    engine.waitForPosition(appended.position, { eventTypes: appended.types, timeoutMs: readYourWritesTimeoutMs });

/**
 * Read-your-writes: a command's answer waits (bounded) until the projections have
 * applied what it appended, so the client's next read shows what it just did. A
 * command that appended nothing (a repeat) has nothing to wait for.
 */
export const afterProjections =
  (deps: { caughtUp?: CaughtUp | undefined }) =>
  <E, A>(command: TE.TaskEither<E, A>): TE.TaskEither<E, A> =>
  async () => {
    const { result, appended } = await trackAppends(command);
    // The write is committed: a wait the database cuts short (its connection lost) ends
    // like one that timed out, with the write's own answer, not an error that hides it.
    if (E.isRight(result) && appended !== null) await deps.caughtUp?.(appended)?.catch(() => undefined);
    return result;
  };
