import { z } from 'zod';

/**
 * A grading score (客户等级评分), 0–100 with at most two decimals (59.99 is E, 60 is D).
 * JSON carries it as a number; every comparison and sum happens in integer hundredths,
 * so no float drift ever moves a score across a band edge.
 */
export type Hundredths = number;

export const toHundredths = (score: number): Hundredths => Math.round(score * 100);

export const fromHundredths = (h: Hundredths): number => h / 100;

const hasAtMostTwoDecimals = (n: number): boolean => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;

export const Score = z
  .number()
  .min(0)
  .max(100)
  .refine(hasAtMostTwoDecimals, 'a score has at most two decimals, e.g. 59.99');
export type Score = z.infer<typeof Score>;

export const MAX_SCORE: Hundredths = 100_00;
