import { addPeriods, type Period } from '../../domain/shared/index.js';
import { type PlannedComplaint, type PlannedEvaluation, type PlannedViolation, planComplaints, planEvaluations, planViolations } from './planActivity.js';
import { type PlannedCustomer, planCustomers } from './planCustomers.js';
import { type PlannedCreditRequest, type PlannedGrading, planCreditRequests, planGradings } from './planReviews.js';
import { seededRandom } from './random.js';
import { cutoffOf, periodRange } from './timeline.js';

export type DemoOptions = { seed: number; customers: number; months: number; until: Period };

export type DemoPlan = {
  options: DemoOptions;
  customers: PlannedCustomer[];
  violations: PlannedViolation[];
  evaluations: PlannedEvaluation[];
  complaints: PlannedComplaint[];
  gradings: PlannedGrading[];
  creditRequests: PlannedCreditRequest[];
};

/**
 * The whole demo data set, computed from the options alone: the same seed gives the same
 * customers, figures, incidents, gradings and requests, with the same ids and effective
 * times. Nothing here touches the store.
 */
export const planDemo = (options: DemoOptions): DemoPlan => {
  const rng = seededRandom(options.seed);
  const first = addPeriods(options.until, 1 - options.months);
  const customers = planCustomers(rng, options.customers, first, options.months);
  // Grading reads the three months before a period: the first three have nothing to grade.
  const graded = Math.min(6, Math.max(0, options.months - 3));
  return {
    options,
    customers,
    violations: planViolations(rng, customers),
    evaluations: planEvaluations(rng, customers),
    complaints: planComplaints(rng, customers, periodRange(first, options.months), cutoffOf(options.until)),
    gradings: planGradings(rng, customers, options.until, graded),
    creditRequests: planCreditRequests(rng, customers, options.until),
  };
};
