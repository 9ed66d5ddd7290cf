import { z } from 'zod';

/** An instant: ISO 8601 with an offset, e.g. `2026-10-31T16:00:00.000Z` or `2026-11-01T00:00:00+08:00`. */
export const Instant = z.iso.datetime({ offset: true });
export type Instant = z.infer<typeof Instant>;

/** A calendar date, e.g. a validity period's end (有效期). */
export const IsoDate = z.iso.date();
export type IsoDate = z.infer<typeof IsoDate>;

/** Instants compare by the moment they name, not by their text (offsets differ). */
export const instantMillis = (instant: Instant): number => Date.parse(instant);

export const isAtOrBefore = (a: Instant, b: Instant): boolean => instantMillis(a) <= instantMillis(b);
