import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { type PeriodEvent, gradingPeriodStreamId, periodDecider } from '../../domain/grading/index.js';
import type { Period } from '../../domain/shared/index.js';
import type { CommandInput, GradingAppError, GradingDeps } from './deps.js';
import { loadInputs } from './inputs.js';
import { policyInForce } from './policy.js';
import { handleCommand } from '../../store/index.js';

export type RunGradingInput = CommandInput & { period: Period };

/** POST /grading/periods/{period}/run → 200 with these counts. */
export type GradingRunSummary = {
  period: Period;
  policyVersion: number;
  /** Customers the run looked at (the active ones). */
  customers: number;
  /** Of them, graded for the first time or re-graded because their result changed. */
  graded: number;
  unchanged: number;
  /** True when a change voided signatures already given to the summary. */
  signOffsVoided: boolean;
  version: number;
};

const count = (events: readonly PeriodEvent[], type: PeriodEvent['type']) => events.filter((e) => e.type === type).length;

/**
 * Grade every active customer for the period under the policy in force; only changed
 * results are recorded, so running it again with unchanged inputs changes nothing.
 */
export const runGrading =
  (deps: GradingDeps) =>
  (input: RunGradingInput): TE.TaskEither<GradingAppError, GradingRunSummary> =>
    pipe(
      TE.Do,
      TE.bind('policy', () => policyInForce(deps)()),
      TE.bindW('customers', ({ policy }) => loadInputs(deps, input.period, policy)),
      TE.bindW('outcome', ({ policy, customers }) =>
        handleCommand(
          deps.store,
          periodDecider,
          gradingPeriodStreamId(input.period),
          { type: 'RunGrading', data: { period: input.period, policy: { version: policy.version, policy: policy.policy }, customers }, meta: input.meta },
          { ...input.options, expectedVersion: input.expectedVersion },
        ),
      ),
      TE.map(({ policy, customers, outcome }) => ({
        period: input.period,
        policyVersion: policy.version,
        customers: customers.length,
        graded: count(outcome.events, 'CustomerGraded'),
        unchanged: customers.length - count(outcome.events, 'CustomerGraded'),
        signOffsVoided: count(outcome.events, 'GradeSummarySignOffsVoided') > 0,
        version: outcome.version,
      })),
    );
