import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  type PeriodEvent,
  type PeriodState,
  type UpgradeCandidate,
  customerFiguresStreamId,
  gradingPeriodStreamId,
  periodDecider,
  upgradePlan,
} from '../../domain/grading/index.js';
import type { DomainError, Period } from '../../domain/shared/index.js';
import { type StoreError, loadStream } from '../../store/index.js';
import type { GradingDeps } from './deps.js';
import { policyForPeriod } from './policy.js';

/** A period's evaluations, overrides and sign-offs as its stream holds them now. */
export const readGradingPeriod =
  (deps: Pick<GradingDeps, 'store'>) =>
  (period: Period): TE.TaskEither<StoreError, { state: PeriodState; version: number }> =>
    loadStream<PeriodState, PeriodEvent>(deps.store, gradingPeriodStreamId(period), periodDecider);

/** 提升计划: the period's C customers closest to B, as many as the policy it was graded under says. */
export const upgradePlanFor =
  (deps: Pick<GradingDeps, 'store' | 'basePolicy'>) =>
  (period: Period): TE.TaskEither<StoreError | DomainError<'PolicyVersionNotFound'>, UpgradeCandidate[]> =>
    pipe(
      policyForPeriod(deps)(period),
      TE.bindTo('policy'),
      TE.bindW('period', () => readGradingPeriod(deps)(period)),
      TE.map(({ policy, period: { state } }) => upgradePlan(policy.policy, Object.values(state.evaluations))),
    );

/** The period stream's version: the ETag of a period's summary, what If-Match on a run, an override or a sign-off compares with. */
export const periodVersion =
  (deps: Pick<GradingDeps, 'store'>) =>
  (period: Period): TE.TaskEither<StoreError, number> =>
    deps.store.streamVersion(gradingPeriodStreamId(period));

/** The version of a customer's monthly figures (their ETag). */
export const figuresVersion =
  (deps: Pick<GradingDeps, 'store'>) =>
  (customerId: string): TE.TaskEither<StoreError, number> =>
    deps.store.streamVersion(customerFiguresStreamId(customerId));
