import { type Fen, type IsoDate, type Money, type Period, periodsBefore, previousPeriod, toFen } from '../shared/index.js';
import type { MonthlyFigures } from './inputs.js';
import type { GradingPolicy } from './policy.js';
import { type Ratio, fromDecimal, ratio } from './ratio.js';

/** The latest figures of each period: a correction supersedes what was recorded before. */
export const latestByPeriod = (figures: readonly MonthlyFigures[]): Map<Period, MonthlyFigures> =>
  new Map(figures.map((f) => [f.period, f]));

export type SalesAverage = {
  /** 月均销售额 in fen, exact (e.g. 330000.00 over 3 months is 11000000 fen / 1). */
  fen: Ratio;
  /** The periods of the window that had figures, oldest first. */
  counted: Period[];
  missing: Period[];
  /** The periods the policy looks at (the window before the evaluated one). */
  window: Period[];
};

/**
 * 月均销售额 over the policy's window of periods before `period`. A missing month is
 * left out of the mean (`skip`, the default: "the mean of the recorded monthly sales")
 * or counted as 0 (`zero`). With no month recorded at all the average is 0, and so is
 * the credit limit: a customer without history gets no credit from the formula.
 */
export const salesAverage = (policy: GradingPolicy, period: Period, figures: Map<Period, MonthlyFigures>): SalesAverage => {
  const window = periodsBefore(period, policy.salesWindow.periods);
  const counted = window.filter((p) => figures.has(p));
  const missing = window.filter((p) => !figures.has(p));
  const total = counted.reduce((sum, p) => sum + toFen(figures.get(p)!.sales), 0n);
  const months = policy.salesWindow.missingMonths === 'zero' ? window.length : counted.length;
  return { fen: months === 0 ? ratio(0n) : ratio(total, BigInt(months)), counted, missing, window };
};

export type Fulfilment = {
  /** 上期按期信用履约率, exact, 0–1. */
  rate: Ratio;
  period: Period;
  creditDue: Money;
  creditPaidOnTime: Money;
  /** Why the policy's default rate applies, if it does. */
  defaulted: 'notRecorded' | 'nothingDue' | null;
};

const rateOf = (paid: Fen, due: Fen): Ratio => ratio(paid < due ? paid : due, due);

/** creditPaidOnTime / creditDue of the period just before `period`; nothing due → the policy's default (1). */
export const fulfilment = (policy: GradingPolicy, period: Period, figures: Map<Period, MonthlyFigures>): Fulfilment => {
  const previous = previousPeriod(period);
  const f = figures.get(previous);
  const fallback = fromDecimal(policy.fulfilmentWhenNothingDue);
  if (f === undefined) return { rate: fallback, period: previous, creditDue: '0.00', creditPaidOnTime: '0.00', defaulted: 'notRecorded' };
  const due = toFen(f.creditDue);
  const shown = { period: previous, creditDue: f.creditDue, creditPaidOnTime: f.creditPaidOnTime };
  return due === 0n ? { ...shown, rate: fallback, defaulted: 'nothingDue' } : { ...shown, rate: rateOf(toFen(f.creditPaidOnTime), due), defaulted: null };
};

/** Full years from the start of cooperation to the first day of `period` (0 if unknown or later). */
export const yearsOfCooperation = (since: IsoDate | null, period: Period): number => {
  if (since === null) return 0;
  const [y1, m1, d1] = since.split('-').map(Number) as [number, number, number];
  const [y2, m2] = period.split('-').map(Number) as [number, number];
  const years = y2 - y1 - (m2 < m1 || (m2 === m1 && 1 < d1) ? 1 : 0);
  return Math.max(0, years);
};

/** The period whose violations and complaints the scorecard counts when grading `period` (default 上期). */
export const incidentsPeriodOf = (policy: GradingPolicy, period: Period): Period =>
  policy.incidentsPeriod === 'previous' ? previousPeriod(period) : period;

/** The periods whose figures grading `period` reads: the sales window and the period before. */
export const figurePeriodsOf = (policy: GradingPolicy, period: Period): Period[] => {
  const window = periodsBefore(period, policy.salesWindow.periods);
  const previous = previousPeriod(period);
  return window.includes(previous) ? window : [...window, previous];
};
