import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { gradingPeriodStreamId, periodDecider } from '../../domain/grading/index.js';
import type { Period } from '../../domain/shared/index.js';
import { handleCommand } from '../../store/index.js';
import type { CommandInput, GradingAppError, GradingDeps } from './deps.js';

export type WriteNoteInput = CommandInput & { period: Period; customerId: string; text: string };

/** PUT /reports/grade-summary/{period}/notes/{customerId}: 备注 on a row, before 编制. */
export const writeGradeSummaryNote =
  (deps: Pick<GradingDeps, 'store'>) =>
  (input: WriteNoteInput): TE.TaskEither<GradingAppError, { version: number; note: string; written: boolean }> =>
    pipe(
      handleCommand(
        deps.store,
        {
          decider: periodDecider,
          streamId: gradingPeriodStreamId(input.period),
          command: { type: 'WriteGradeSummaryNote', data: { period: input.period, customerId: input.customerId, text: input.text }, meta: input.meta },
        },
        { ...input.options, expectedVersion: input.expectedVersion },
      ),
      TE.map(({ version, state, events }) => ({ version, note: state.notes[input.customerId] ?? '', written: events.length > 0 })),
    );
