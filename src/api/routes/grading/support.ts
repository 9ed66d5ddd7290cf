import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { StoreError } from '../../../store/index.js';

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
