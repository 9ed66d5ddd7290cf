import type { CustomerGradingInput, FiguresError, PeriodError, PolicyError, VersionedPolicy } from '../../domain/grading/index.js';
import type { CommandMeta, DomainError, Period } from '../../domain/shared/index.js';
import type { EventStore, HandleOptions, StoreError } from '../../store/index.js';

/**
 * The inputs of every customer to grade for `period` (the active ones), under `policy`:
 * the policy says which months' figures matter (`figurePeriodsOf`) and in which period
 * violations and complaints are counted (`incidentsPeriodOf`). A projection implements it.
 */
export type LoadGradingInputs = (period: Period, policy: VersionedPolicy) => Promise<CustomerGradingInput[]>;

/** Customers a run leaves out, by status: only `active` customers are graded. */
export type NotGradedCounts = { prospect: number; inactive: number; lost: number };

/** How many registered customers are not active (now): what a run's answer says it left out. A projection implements it. */
export type CountNotGraded = () => Promise<NotGradedCounts>;

export type GradingDeps = {
  store: EventStore;
  loadGradingInputs: LoadGradingInputs;
  countNotGraded: CountNotGraded;
  /**
   * What is in force before any publication; the built-in policy (DOMAIN.md §4's defaults)
   * as version 0 when absent. A deployment sets its own here.
   */
  basePolicy?: VersionedPolicy;
};

export type GradingAppError =
  | PolicyError
  | FiguresError
  | PeriodError
  | StoreError
  | DomainError<'CustomerNotFound'>
  | DomainError<'GradingInputsUnavailable'>
  | DomainError<'PolicyVersionNotFound'>;

/** What every command service takes besides its own data: who, when, why, and the client's If-Match. */
export type CommandInput = {
  meta: CommandMeta;
  /** The stream version the client last saw (If-Match); a stale one fails with VersionConflict. */
  expectedVersion?: number;
  options?: HandleOptions;
};
