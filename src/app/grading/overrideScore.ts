import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { customerStreamId } from '../../domain/customer/index.js';
import { type CustomerGraded, gradingPeriodStreamId, periodDecider } from '../../domain/grading/index.js';
import type { Period } from '../../domain/shared/index.js';
import type { CommandInput, GradingAppError, GradingDeps } from './deps.js';
import { loadInputs } from './inputs.js';
import { policyForPeriod } from './policy.js';
import { handleCommand } from '../../store/index.js';

export type OverrideScoreInput = CommandInput & { period: Period; customerId: string; score: number };

export type OverrideResult = { version: number; overridden: boolean; evaluation: CustomerGraded['data'] | null };

/**
 * POST /customers/{id}/score-overrides: the review board's score replaces the
 * scorecard's. An active customer is re-graded at once; another waits for the next run.
 */
export const overrideScore =
  (deps: GradingDeps) =>
  (input: OverrideScoreInput): TE.TaskEither<GradingAppError, OverrideResult> =>
    pipe(
      deps.store.streamVersion(customerStreamId(input.customerId)),
      TE.flatMap((v): TE.TaskEither<GradingAppError, void> =>
        v === 0 ? TE.left({ code: 'CustomerNotFound', message: `no customer ${input.customerId}` }) : TE.right(undefined),
      ),
      TE.flatMap(() => policyForPeriod(deps)(input.period)),
      TE.bindTo('policy'),
      TE.bindW('customers', ({ policy }) => pipe(loadInputs(deps, input.period, policy), TE.map((l) => l.customers))),
      TE.flatMap(({ policy, customers }) =>
        handleCommand(
          deps.store,
          {
            decider: periodDecider,
            streamId: gradingPeriodStreamId(input.period),
            command: {
              type: 'OverrideScore',
              data: {
                period: input.period,
                customerId: input.customerId,
                score: input.score,
                policy: { version: policy.version, policy: policy.policy },
                customer: customers.find((c) => c.customerId === input.customerId) ?? null,
              },
              meta: input.meta,
            },
          },
          { ...input.options, expectedVersion: input.expectedVersion },
        ),
      ),
      TE.map(({ version, events, state }) => ({
        version,
        overridden: events.length > 0,
        evaluation: state.evaluations[input.customerId] ?? null,
      })),
    );
