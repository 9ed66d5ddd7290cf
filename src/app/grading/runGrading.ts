import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { type PeriodEvent, type VersionedPolicy, gradingPeriodStreamId, periodDecider, ungradable } from '../../domain/grading/index.js';
import type { DomainError, Period } from '../../domain/shared/index.js';
import type { CommandInput, GradingAppError, GradingDeps, NotGradedCounts } from './deps.js';
import { type LoadedInputs, loadInputs, type SkippedCustomer } from './inputs.js';
import { policyForPeriod } from './policy.js';
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
  /** Customers left out because their data cannot be graded, and why; the others are graded. */
  skipped: SkippedCustomer[];
  /** True when a change voided signatures already given to the summary. */
  signOffsVoided: boolean;
  version: number;
  /** Registered customers the run left out, by status, and why (新客户 start as prospects). */
  notGraded: NotGradedCounts & { reason: string };
};

export const notGradedReason =
  '只评估活跃客户：潜在客户 (prospect) 激活后才参加等级评估，非活跃 (inactive) 和丢失 (lost) 客户不评估 — only active customers are graded; prospects once activated';

const countLeftOut = (deps: Pick<GradingDeps, 'countNotGraded'>): TE.TaskEither<DomainError<'GradingInputsUnavailable'>, NotGradedCounts> =>
  TE.tryCatch(
    () => deps.countNotGraded(),
    (e) => ({ code: 'GradingInputsUnavailable' as const, message: `the customers left out of the run could not be counted: ${String(e)}` }),
  );

/** The customers whose evaluation the log can hold; the others join the skipped, with why. */
const gradable = (policy: VersionedPolicy, period: Period, loaded: LoadedInputs): LoadedInputs => {
  const result: LoadedInputs = { customers: [], skipped: [...loaded.skipped] };
  for (const customer of loaded.customers) {
    let reason: string | undefined;
    try {
      reason = ungradable(policy, period, customer);
    } catch (e) {
      reason = `it could not be evaluated: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (reason === undefined) result.customers.push(customer);
    else result.skipped.push({ customerId: customer.customerId, reason });
  }
  return result;
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
      TE.bindW('policy', () => policyForPeriod(deps)(input.period)),
      TE.bindW('loaded', ({ policy }) => pipe(loadInputs(deps, input.period, policy), TE.map((l) => gradable(policy, input.period, l)))),
      TE.bindW('outcome', ({ policy, loaded: { customers } }) =>
        handleCommand(
          deps.store,
          {
            decider: periodDecider,
            streamId: gradingPeriodStreamId(input.period),
            command: { type: 'RunGrading', data: { period: input.period, policy: { version: policy.version, policy: policy.policy }, customers }, meta: input.meta },
          },
          { ...input.options, expectedVersion: input.expectedVersion },
        ),
      ),
      TE.bindW('leftOut', () => countLeftOut(deps)),
      TE.map(({ policy, loaded: { customers, skipped }, outcome, leftOut }) => ({
        period: input.period,
        policyVersion: policy.version,
        customers: customers.length + skipped.length,
        graded: count(outcome.events, 'CustomerGraded'),
        unchanged: customers.length - count(outcome.events, 'CustomerGraded'),
        skipped,
        signOffsVoided: count(outcome.events, 'GradeSummarySignOffsVoided') > 0,
        version: outcome.version,
        notGraded: { ...leftOut, reason: notGradedReason },
      })),
    );
