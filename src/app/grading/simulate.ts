import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { type GradingPolicy, type PolicySimulation, simulatePolicy } from '../../domain/grading/index.js';
import type { Period } from '../../domain/shared/index.js';
import type { GradingAppError, GradingDeps } from './deps.js';
import { loadInputs } from './inputs.js';
import { policyInForce } from './policy.js';
import { readGradingPeriod } from './readGradingPeriod.js';

/**
 * Try a draft policy on the period's inputs and overrides without publishing it: per
 * customer the policy in force's grade and limit beside the draft's, totals per grade.
 */
export const simulate =
  (deps: GradingDeps) =>
  (input: { period: Period; draft: GradingPolicy }): TE.TaskEither<GradingAppError, PolicySimulation> =>
    pipe(
      TE.Do,
      TE.bind('policy', () => policyInForce(deps)()),
      TE.bindW('customers', ({ policy }) => pipe(loadInputs(deps, input.period, policy), TE.map((l) => l.customers))),
      // The draft may look at other months: its inputs are gathered under it.
      TE.bindW('draftInputs', ({ policy }) =>
        pipe(loadInputs(deps, input.period, { version: policy.version + 1, policy: input.draft }), TE.map((l) => l.customers)),
      ),
      TE.bindW('period', () => readGradingPeriod(deps)(input.period)),
      TE.flatMapEither(({ policy, customers, draftInputs, period }) =>
        simulatePolicy({ version: policy.version, policy: policy.policy }, input.draft, input.period, customers, period.state.overrides, draftInputs),
      ),
    );
