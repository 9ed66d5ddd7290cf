import { addPeriods, type Instant, type Period, periodBounds } from '../../domain/shared/index.js';

const hour = 3_600_000;
const day = 24 * hour;

/** An instant `days` (fractions allowed) after the period's first moment (00:00 Beijing time on the 1st). */
export const inPeriod = (period: Period, days: number): Instant => new Date(Date.parse(periodBounds(period).start) + days * day).toISOString();

export const later = (at: Instant, hours: number): Instant => new Date(Date.parse(at) + hours * hour).toISOString();

/** The periods from `first` to `last`, in order. */
export const periodRange = (first: Period, count: number): Period[] => Array.from({ length: count }, (_, i) => addPeriods(first, i));

/** Days after the last month of figures that the reviews of it take (grading, sign-offs, credit requests). */
export const reviewDays = 10;

/** The instant before which every demo event happens: `reviewDays` into the month after the last. */
export const cutoffOf = (until: Period): Instant => inPeriod(addPeriods(until, 1), reviewDays);

export const isBefore = (a: Instant, b: Instant): boolean => Date.parse(a) < Date.parse(b);
