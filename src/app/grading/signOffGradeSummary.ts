import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { type SignOff, type SignOffStep, gradingPeriodStreamId, periodDecider } from '../../domain/grading/index.js';
import type { Period } from '../../domain/shared/index.js';
import type { CommandInput, GradingAppError, GradingDeps } from './deps.js';
import { handleCommand } from '../../store/index.js';

export type SignOffInput = CommandInput & { period: Period; step: SignOffStep };

export type SignOffResult = { version: number; status: 'open' | 'signingOff' | 'frozen'; signOffs: SignOff[] };

/**
 * POST /reports/grade-summary/{period}/sign-offs: 编制 → 复核 → 审核 → 审批. The API makes
 * the reason optional here: a signature is its own statement; a given reason is kept.
 */
export const signOffGradeSummary =
  (deps: Pick<GradingDeps, 'store'>) =>
  (input: SignOffInput): TE.TaskEither<GradingAppError, SignOffResult> => {
    const reason = input.meta.reason?.trim() || undefined;
    return pipe(
      handleCommand(
        deps.store,
        {
          decider: periodDecider,
          streamId: gradingPeriodStreamId(input.period),
          command: { type: 'SignOffGradeSummary', data: { period: input.period, step: input.step }, meta: { ...input.meta, reason } },
        },
        { ...input.options, reasonRequired: reason !== undefined, expectedVersion: input.expectedVersion },
      ),
      TE.map(({ version, state }) => ({ version, status: state.status, signOffs: state.status === 'open' ? [] : state.signOffs })),
    );
  };
