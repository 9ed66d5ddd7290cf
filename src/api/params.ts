import { z } from 'zod';
import { Instant, Money, Period, Uuid } from '../domain/shared/index.js';

/**
 * Reusable pieces of request schemas, from the domain's own schemas so that the API
 * and the events agree on what a valid id, period, amount or instant is.
 */
export { Money, Period, Uuid, Instant };

export const IdParams = z.object({ id: Uuid });
export type IdParams = z.infer<typeof IdParams>;

export const PeriodParams = z.object({ period: Period });
export type PeriodParams = z.infer<typeof PeriodParams>;

/**
 * An instant in a query string. A `+` there reads as a space (form encoding), so
 * `?asOf=2026-11-01T00:00:00+08:00` typed unencoded arrives as `… 08:00`: read the
 * space before a trailing offset as the `+` it was.
 */
export const QueryInstant = z.preprocess(
  (s) => (typeof s === 'string' ? s.replace(/ (\d{2}(:?\d{2})?)$/, '+$1') : s),
  Instant,
);

/**
 * Time travel (API.md): `asOf` is effective time (what was true then), `knownAt` is
 * record time (what the system had been told by then). Both ISO 8601 with an offset.
 */
export const TimeTravelQuery = z.object({
  asOf: QueryInstant.optional().meta({ description: 'effective time: what was true then (default now)' }),
  knownAt: QueryInstant.optional().meta({ description: 'record time: what the system had been told by then (default now)' }),
});
export type TimeTravelQuery = z.infer<typeof TimeTravelQuery>;

export type TimeTravel = { asOf: Instant; knownAt: Instant };

/** Both cuts, defaulted to the request's `now`, normalised to UTC (`…Z`). */
export const resolveTimeTravel = (query: TimeTravelQuery, now: Date): TimeTravel => ({
  asOf: new Date(query.asOf ?? now).toISOString(),
  knownAt: new Date(query.knownAt ?? now).toISOString(),
});
