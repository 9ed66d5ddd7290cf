import { type CaughtUp, caughtUpWith, type WaitsForViews } from '../../readYourWrites.js';
import type * as TE from 'fp-ts/TaskEither';
import {
  type GradingDeps,
  overrideScore,
  policyInForce,
  publishPolicy,
  recordMonthlyFigures,
  runGrading,
  writeGradeSummaryNote,
  signOffGradeSummary,
  simulate,
} from '../../../app/grading/index.js';
import { customerFiguresStreamId, gradingPeriodStreamId } from '../../../domain/grading/index.js';
import type { Period } from '../../../domain/shared/index.js';
import {
  type At,
  type CurrentSummary,
  type CustomerFilter,
  type CustomerListItem,
  currentSummaryReader,
  type GradeSummary,
  gradeSummary,
  listCustomers,
  monthlyUpgradePlan,
  type Page,
  type PageRequest,
  type PolicyAt,
  policyInForce as policyAt,
  type ReadDeps,
  type UpgradePlan,
} from '../../../projections/index.js';
import type { StoreError } from '../../../store/index.js';

/** The grading use cases the routes call (src/app/grading), bound to their dependencies. */
export type GradingServices = {
  recordMonthlyFigures: ReturnType<typeof recordMonthlyFigures>;
  policyInForce: ReturnType<typeof policyInForce>;
  publishPolicy: ReturnType<typeof publishPolicy>;
  runGrading: ReturnType<typeof runGrading>;
  writeGradeSummaryNote: ReturnType<typeof writeGradeSummaryNote>;
  overrideScore: ReturnType<typeof overrideScore>;
  signOffGradeSummary: ReturnType<typeof signOffGradeSummary>;
  simulate: ReturnType<typeof simulate>;
  /** The period stream's version: the ETag of a period's summary, what If-Match on run, overrides and sign-offs compares with. */
  periodVersion: (period: Period) => TE.TaskEither<StoreError, number>;
  /** The version of a customer's monthly figures (their ETag). */
  figuresVersion: (customerId: string) => TE.TaskEither<StoreError, number>;
};

/** The read models the reports answer from (src/projections), each at a time point. */
export type GradingQueries = {
  gradeSummary: (period: Period, at: At) => Promise<GradeSummary>;
  /** The summary now (no time travel) with its ETag, from memory while the grading view has not moved (`currentSummaryReader`). */
  currentSummary: CurrentSummary;
  policyAt: (at: At) => Promise<PolicyAt>;
  upgradePlan: (period: Period, at: At) => Promise<UpgradePlan>;
  customers: (filter: CustomerFilter, at: At, page: PageRequest) => Promise<Page<CustomerListItem>>;
};

export type GradingRouteDeps = {
  services: GradingServices;
  queries: GradingQueries;
  /**
   * Read-your-writes: resolves once the projections have applied what a command
   * appended, so that a report read right after it shows it. Without it, answers do not wait.
   */
  caughtUp?: CaughtUp;
};

/**
 * The usual wiring: the app services over the store and the grading-input loader, the
 * queries over the projections' tables, and the engine for read-your-writes.
 */
export const gradingRouteDeps = (
  grading: GradingDeps,
  views: ReadDeps,
  engine?: WaitsForViews,
): GradingRouteDeps => ({
  services: {
    recordMonthlyFigures: recordMonthlyFigures(grading),
    policyInForce: policyInForce(grading),
    publishPolicy: publishPolicy(grading),
    runGrading: runGrading(grading),
    writeGradeSummaryNote: writeGradeSummaryNote(grading),
    overrideScore: overrideScore(grading),
    signOffGradeSummary: signOffGradeSummary(grading),
    simulate: simulate(grading),
    periodVersion: (period) => grading.store.streamVersion(gradingPeriodStreamId(period)),
    figuresVersion: (customerId) => grading.store.streamVersion(customerFiguresStreamId(customerId)),
  },
  queries: {
    gradeSummary: (period, at) => gradeSummary(views, period, at),
    currentSummary: currentSummaryReader(views),
    policyAt: (at) => policyAt(views, at),
    upgradePlan: (period, at) => monthlyUpgradePlan(views, period, at),
    customers: (filter, at, page) => listCustomers(views, filter, at, page),
  },
  ...(engine ? { caughtUp: caughtUpWith(engine) } : {}),
});
