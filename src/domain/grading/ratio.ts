import { z } from 'zod';
import { divRoundHalfUp } from '../shared/index.js';

/**
 * Exact non-negative rationals over bigint: the credit-limit formula multiplies an
 * average, a rate and a coefficient, and rounding only once at the end keeps the
 * result exact to the fen (never a binary float).
 */
export type Ratio = { num: bigint; den: bigint };

/** A decimal written as text, e.g. coefficient "1.2" or threshold "100000.00" (a sign only so validation can name it). */
export const Decimal = z
  .string()
  // abort: refinements of a Decimal (a coefficient's bound) read it with fromDecimal, which
  // throws on text that is not a decimal; zod would otherwise run them after this check failed.
  .regex(/^-?\d{1,15}(\.\d{1,4})?$/, { message: 'a decimal with at most four decimals, e.g. "1.2"', abort: true });
export type Decimal = z.infer<typeof Decimal>;

export const ratio = (num: bigint, den: bigint = 1n): Ratio => (den < 0n ? { num: -num, den: -den } : { num, den });

export const fromDecimal = (text: Decimal): Ratio => {
  const negative = text.startsWith('-');
  const [whole = '0', frac = ''] = (negative ? text.slice(1) : text).split('.');
  const num = BigInt(whole + frac);
  return { num: negative ? -num : num, den: 10n ** BigInt(frac.length) };
};

export const mul = (a: Ratio, b: Ratio): Ratio => ({ num: a.num * b.num, den: a.den * b.den });

export const compare = (a: Ratio, b: Ratio): number => {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
};

export const isNegative = (a: Ratio): boolean => a.num < 0n;

/** A rate shown to people (0.9512): four decimals, half up; the exact ratio stays in the computation. */
export const toDisplayNumber = (a: Ratio, decimals: number): number => {
  const scale = 10n ** BigInt(decimals);
  return Number(divRoundHalfUp(a.num * scale, a.den)) / Number(scale);
};
