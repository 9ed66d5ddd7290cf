import { z } from 'zod';
import { type Instant, instantMillis } from './time.js';

/** An evaluation period (评估周期): a calendar month, `YYYY-MM`. */
export const Period = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a period is YYYY-MM, e.g. 2026-10');
export type Period = z.infer<typeof Period>;

const toIndex = (period: Period): number => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return y * 12 + (m - 1);
};

const fromIndex = (index: number): Period => {
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
};

export const addPeriods = (period: Period, n: number): Period => fromIndex(toIndex(period) + n);

export const previousPeriod = (period: Period): Period => addPeriods(period, -1);

/** The `n` periods just before `period`, oldest first. */
export const periodsBefore = (period: Period, n: number): Period[] =>
  Array.from({ length: n }, (_, i) => addPeriods(period, i - n));

export const comparePeriods = (a: Period, b: Period): number => toIndex(a) - toIndex(b);

/**
 * Periods are months in Asia/Shanghai time (UTC+8 all year: China keeps no daylight
 * saving), so an instant late on the 31st in UTC may already belong to next month.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

export const periodOf = (instant: Instant): Period => {
  const d = new Date(instantMillis(instant) + SHANGHAI_OFFSET_MS);
  return fromIndex(d.getUTCFullYear() * 12 + d.getUTCMonth());
};

/** The first instant of the period, and of the next one: [start, end). */
export const periodBounds = (period: Period): { start: Instant; end: Instant } => {
  const bound = (index: number) => {
    const y = Math.floor(index / 12);
    const m = index % 12;
    return new Date(Date.UTC(y, m, 1) - SHANGHAI_OFFSET_MS).toISOString();
  };
  return { start: bound(toIndex(period)), end: bound(toIndex(period) + 1) };
};
