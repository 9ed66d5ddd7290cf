import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import { CliError, exitCodes } from '../errors.js';

/** A demo command the store refused: a bug in the plan, never the user's doing. */
export const must = async <A>(task: TE.TaskEither<{ code: string; message: string }, A>, what: string): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new CliError(`demo: ${what} was refused: ${result.left.code}: ${result.left.message}`, exitCodes.internal);
  return result.right;
};

/** Runs `work` over `items` with at most `width` at a time (the store's group commit batches them). */
export const inParallel = async <T>(items: readonly T[], width: number, work: (item: T) => Promise<void>, onDone?: () => void): Promise<void> => {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
      onDone?.();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
};
