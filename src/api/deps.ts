import type { ComplaintDeps } from '../app/complaint/index.js';
import type { CreditDeps } from '../app/credit/index.js';
import type { CustomerDeps } from '../app/customer/index.js';
import type { GradingDeps, LoadGradingInputs } from '../app/grading/index.js';
import {
  countNotGraded,
  type CurrentArchive,
  type CurrentSummary,
  currentArchiveReader,
  currentSummaryReader,
  loadCustomerSnapshot,
  loadGradingInputs,
  type ReadDeps,
} from '../projections/index.js';
import type { EventStore } from '../store/index.js';
import { type CaughtUp, caughtUpWith, type WaitsForViews } from './readYourWrites.js';

/**
 * What every route is given, once: the use cases take it as their deps (each reads the
 * part it needs), the read models' queries take `views`.
 */
export type RouteDeps = CustomerDeps &
  GradingDeps &
  CreditDeps &
  ComplaintDeps & {
    views: ReadDeps;
    /** The archive now (no time travel), from memory while the views have not moved. */
    currentArchive: CurrentArchive;
    /** A period's grade summary now, with its ETag, from memory while the grading view has not moved. */
    currentSummary: CurrentSummary;
    /** Read-your-writes: resolves once the projections applied what a command appended; without it, answers do not wait. */
    caughtUp?: CaughtUp;
  };

export type RouteDepsOptions = {
  /** The projection engine, for read-your-writes. */
  engine?: WaitsForViews | undefined;
  /** Where grading finds the customers to grade; the projections' loader when absent. */
  loadGradingInputs?: LoadGradingInputs | undefined;
};

/** The usual wiring: the use cases over the store, the queries and loaders over the projections' tables. */
export const routeDeps = (store: EventStore, views: ReadDeps, options: RouteDepsOptions = {}): RouteDeps => ({
  store,
  views,
  loadGradingInputs: options.loadGradingInputs ?? loadGradingInputs(views),
  countNotGraded: countNotGraded(views),
  loadCustomerSnapshot: loadCustomerSnapshot(views),
  currentArchive: currentArchiveReader(views),
  currentSummary: currentSummaryReader(views),
  ...(options.engine ? { caughtUp: caughtUpWith(options.engine) } : {}),
});
