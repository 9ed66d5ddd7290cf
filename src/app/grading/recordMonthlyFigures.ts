import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { customerStreamId } from '../../domain/customer/index.js';
import { type RecordMonthlyFiguresData, customerFiguresStreamId, figuresDecider } from '../../domain/grading/index.js';
import type { CommandInput, GradingAppError, GradingDeps } from './deps.js';
import { handleCommand } from '../../store/index.js';

export type RecordMonthlyFiguresInput = CommandInput & RecordMonthlyFiguresData;

/**
 * POST /customers/{id}/monthly-figures: a customer's sales, credit due and credit paid on
 * time for a month. A correction is a new recording that supersedes; the same figures
 * again change nothing. An unknown customer is refused (CustomerNotFound).
 */
export const recordMonthlyFigures =
  (deps: Pick<GradingDeps, 'store'>) =>
  ({ meta, expectedVersion, options, ...data }: RecordMonthlyFiguresInput): TE.TaskEither<GradingAppError, { version: number; recorded: boolean }> =>
    pipe(
      deps.store.streamVersion(customerStreamId(data.customerId)),
      TE.flatMap((v): TE.TaskEither<GradingAppError, void> =>
        v === 0 ? TE.left({ code: 'CustomerNotFound', message: `no customer ${data.customerId}` }) : TE.right(undefined),
      ),
      TE.flatMap(() =>
        handleCommand(
          deps.store,
          { decider: figuresDecider, streamId: customerFiguresStreamId(data.customerId), command: { type: 'RecordMonthlyFigures', data, meta } },
          { ...options, expectedVersion },
        ),
      ),
      TE.map(({ version, events }) => ({ version, recorded: events.length > 0 })),
    );
